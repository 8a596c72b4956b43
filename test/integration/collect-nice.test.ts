// `casepack collect --nice`: the collection runs at low CPU and I/O priority, and so does every
// command it runs. The profile's commands are `nice` and `ionice` themselves, which print the
// priorities they inherited; the bundle holds what they printed.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

let dir: string;
let profile: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await tempDir('casepack-nice-');
  profile = path.join(dir, 'priorities.yaml');
  await writeFile(
    profile,
    [
      'name: priorities',
      'commands:',
      '  - id: niceness',
      '    argv: [nice]',
      '    timeout: 10s',
      '  - id: io-priority',
      '    argv: [ionice]',
      '    timeout: 10s',
      '',
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'config.yaml'), '{}\n');
  env = {
    CASEPACK_CONFIG: path.join(dir, 'config.yaml'),
    CASEPACK_DATA_DIR: path.join(dir, 'data'),
  };
});

async function collect(out: string, extra: string[]) {
  const r = await runCliJson<{ bundle: string }>(
    ['collect', '--profile', profile, '--out', out, '--no-system-report', '--yes', ...extra],
    { env, cwd: dir },
  );
  expect(r.code, r.stderr).toBe(0);
  const entry = (name: string) =>
    execFileSync('unzip', ['-p', r.json.bundle, `commands/${name}.txt`], { encoding: 'utf8' });
  return { niceness: entry('niceness').trim(), io: entry('io-priority').trim() };
}

describe('collect --nice', () => {
  it('runs the collection and its commands at niceness 10 and I/O best-effort 7', async () => {
    const got = await collect(path.join(dir), ['--nice']);
    expect(got.niceness).toBe('10');
    expect(got.io).toBe('best-effort: prio 7');
  });

  it('leaves the priorities alone without --nice', async () => {
    const out = path.join(dir, 'plain');
    execFileSync('mkdir', ['-p', out]);
    const got = await collect(out, []);
    expect(got.niceness).toBe(String(os.getPriority()));
    expect(got.io).not.toBe('best-effort: prio 7');
  });
});
