// `casepack snapshot` and `casepack diff` as users run them, on real files.
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const SECRET = 'Sup3rS3cret-for-the-test!';
let dir: string;
let profile: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await tempDir();
  await chmod(dir, 0o755);
  const etc = path.join(dir, 'etc');
  await mkdir(etc, { mode: 0o755 });
  await writeFile(path.join(etc, 'server.properties'), `port=8080\ndb.password=${SECRET}\n`, {
    mode: 0o644,
  });
  await writeFile(path.join(etc, 'private.conf'), 'only root may read this\n', { mode: 0o600 });
  profile = path.join(dir, 'my-app.yaml');
  await writeFile(
    profile,
    [
      'name: my-app',
      'files:',
      '  - id: app-config',
      '    kind: config',
      `    paths: ["${etc}/*.properties", "${etc}/*.conf"]`,
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  env = {
    CASEPACK_DATA_DIR: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    CASEPACK_CONFIG: '',
  };
});

describe('casepack snapshot', () => {
  it('records a redacted baseline of the profile configuration files', async () => {
    const r = await runCliJson<{
      baselines: Array<{ profile: string; dir: string; files: number; stored: number }>;
    }>(['snapshot', '--profile', profile], { env });
    expect(r.code).toBe(0);
    expect(r.json.baselines).toMatchObject([{ profile: 'my-app', files: 2, stored: 2 }]);
    const b = r.json.baselines[0]!.dir;
    expect(path.dirname(b)).toBe(path.join(dir, 'data', 'baselines', 'my-app'));
    const stored = await Promise.all(
      (await readdir(path.join(b, 'files'))).map((f) => readFile(path.join(b, 'files', f), 'utf8')),
    );
    expect(stored.join('')).toContain('port=8080');
    // Never an unredacted secret on disk, not even as part of the index.
    expect(stored.join('')).not.toContain(SECRET);
    expect(await readFile(path.join(b, 'baseline.json'), 'utf8')).not.toContain(SECRET);
  });

  it('records a file it may not read as unreadable, and still writes the baseline', async () => {
    const data = path.join(dir, 'data-nobody');
    await mkdir(data, { mode: 0o777 });
    await chmod(data, 0o777);
    const r = await runCli(['snapshot', '--profile', profile], {
      env: { ...env, CASEPACK_DATA_DIR: data, HOME: data, XDG_CONFIG_HOME: data },
      asUser: 'nobody',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/my-app: baseline of 2 configuration files/);
    expect(r.stdout).toContain(`not recorded: ${path.join(dir, 'etc', 'private.conf')}: `);
    expect(r.stdout).toMatch(/permission denied/);
  });

  it('keeps the newest --keep baselines', async () => {
    const data = path.join(dir, 'data-keep');
    for (let i = 0; i < 3; i++)
      expect(
        (
          await runCli(['snapshot', '--profile', profile, '--keep', '2'], {
            env: { ...env, CASEPACK_DATA_DIR: data },
          })
        ).code,
      ).toBe(0);
    const kept = await readdir(path.join(data, 'baselines', 'my-app'));
    expect(kept).toHaveLength(2);
  });

  it('rejects a bad --keep and a profile that does not exist', async () => {
    const r = await runCli(['snapshot', '--profile', profile, '--keep', 'all'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/keep/);
    const missing = await runCli(['snapshot', '--profile', path.join(dir, 'nope.yaml')], { env });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('nope.yaml');
  });
});
