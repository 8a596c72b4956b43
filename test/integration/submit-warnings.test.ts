// `casepack submit` says what the bundle lacks for the case before it sends it (the warnings
// collect gives: a required system report or logs missing, a window that misses the start), and
// sends it anyway. Against the real SFTP server (scripts/test-env) and a real folder.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import {
  makeBundle,
  sampleCase,
  sftpFolder,
  sftpTarget,
  sha256File,
  writeConfig,
} from '../support/submit-env.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('casepack-submit-warn-');
});

interface SubmitJson {
  status: string;
  warnings: string[];
  receipt?: { file: string; sha256: string };
}

const NO_SYSTEM_REPORT = /product error needs system report and this bundle has none/;
const NO_LOGS =
  /product error needs product logs from the time of the problem and this bundle has none/;

describe('submit warns about what the bundle lacks for the case', () => {
  it('--json: the warnings are in the object and on stderr, and the bundle is still delivered', async () => {
    const usb = path.join(dir, 'usb');
    // A product-error case (system report and logs required) with a bundle holding neither.
    const bundle = await makeBundle(dir, { payloadBytes: 64 * 1024, case: sampleCase('no logs') });
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<SubmitJson>(['--config', config, 'submit', bundle, '-t', 'usb'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-json') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.status).toBe('done');
    expect(r.json.warnings).toHaveLength(2);
    expect(r.json.warnings.find((w) => NO_SYSTEM_REPORT.test(w))).toContain(
      'To fix: collect again without --no-system-report.',
    );
    expect(r.json.warnings.some((w) => NO_LOGS.test(w))).toBe(true);
    for (const w of r.json.warnings) expect(r.stderr).toContain(`casepack: warning: ${w}\n`);
    expect(await sha256File(path.join(usb, path.basename(bundle)))).toBe(await sha256File(bundle));
  });

  it('over SFTP: the warnings come before the transfer, and the bundle arrives whole', async () => {
    const folder = await sftpFolder('warn');
    const bundle = await makeBundle(dir, { payloadBytes: 256 * 1024, case: sampleCase('sftp') });
    const config = await writeConfig(dir, { targets: { drop: sftpTarget(folder.remote) } });
    const r = await runCli(['--config', config, 'submit', bundle, '-t', 'drop'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-sftp') },
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n');
    const warned = lines.findIndex((l) => NO_SYSTEM_REPORT.test(l));
    const delivered = lines.findIndex((l) => l.startsWith('casepack: delivered:'));
    expect(warned, r.stderr).toBeGreaterThanOrEqual(0);
    expect(lines[warned]).toMatch(/^casepack: warning: case: /);
    expect(lines.some((l) => NO_LOGS.test(l))).toBe(true);
    expect(delivered).toBeGreaterThan(warned);
    const arrived = path.join(folder.local, path.basename(bundle));
    expect(await readdir(folder.local)).toContain(path.basename(bundle));
    expect(await sha256File(arrived)).toBe(await sha256File(bundle));
  });

  it('a problem that started before the bundle window is said too', async () => {
    const usb = path.join(dir, 'usb-window');
    const c = { ...sampleCase('started long ago'), startedAt: '2020-01-02T03:04:05Z' };
    const bundle = await makeBundle(dir, { payloadBytes: 1024, case: c });
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<SubmitJson>(['--config', config, 'submit', bundle, '-t', 'usb'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-window') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.warnings).toContainEqual(
      expect.stringMatching(/the problem started at 2020-01-02T03:04:05Z, before this bundle's/),
    );
  });

  it('a bundle collected with a system report and logs for its product-error case: no warnings', async () => {
    const work = path.join(dir, 'complete');
    await mkdir(path.join(work, 'out'), { recursive: true });
    const log = path.join(work, 'app.log');
    const now = Date.now();
    await writeFile(
      log,
      [1, 2, 3]
        .map((i) => `${new Date(now - i * 60_000).toISOString()} ERROR login hung ${i}\n`)
        .join(''),
    );
    const profile = path.join(work, 'profile.yaml');
    await writeFile(
      profile,
      stringify({ name: 'warn-complete', files: [{ id: 'app-log', kind: 'log', paths: [log] }] }),
    );
    const caseFile = path.join(work, 'case.yaml');
    await writeFile(caseFile, stringify(sampleCase('complete bundle')));
    const c = await runCliJson<{ bundle: string; warnings: string[] }>(
      [
        'collect',
        '--profile',
        profile,
        '--case-file',
        caseFile,
        '--since',
        '1h',
        '--out',
        path.join(work, 'out'),
        '--yes',
      ],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-complete') } },
    );
    expect(c.code, c.stderr).toBe(0);
    expect(c.json.warnings.filter((w) => w.startsWith('case: '))).toEqual([]);
    const usb = path.join(dir, 'usb-complete');
    const config = await writeConfig(dir, { targets: { usb: { type: 'folder', path: usb } } });
    const r = await runCliJson<SubmitJson>(
      ['--config', config, 'submit', c.json.bundle, '-t', 'usb'],
      {
        env: { CASEPACK_DATA_DIR: path.join(dir, 'data-complete') },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.warnings).toEqual([]);
    expect(r.stderr).not.toContain('warning:');
  });
});
