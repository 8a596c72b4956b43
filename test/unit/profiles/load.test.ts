import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../core/node/collect/plan.js';
import { hostFacts } from '../../../core/node/profiles/host-facts.js';
import { loadProfile } from '../../../core/node/profiles/load.js';
import { tempDir } from '../../support/tmp.js';

const now = Date.parse('2026-11-27T12:00:00Z');
const window = { since: now - 72 * 3_600_000, until: now, timezone: 'UTC' };

async function profileFile(dir: string, name: string, text: string): Promise<string> {
  const f = path.join(dir, name);
  await writeFile(f, text);
  return f;
}

describe('profile loading', () => {
  it('names file, line and key for an unknown key and for a syntax error', async () => {
    const dir = await tempDir();
    const unknown = await profileFile(
      dir,
      'unknown.yaml',
      'name: x\nfiles:\n  - id: a\n    paths: [/tmp/a]\n    maxbytes: 1MiB\n',
    );
    await expect(loadProfile(unknown)).rejects.toMatchObject({
      code: 'profile',
      message: expect.stringContaining(`${unknown}:5: files[0].maxbytes: unknown key "maxbytes"`),
    });
    const syntax = await profileFile(
      dir,
      'syntax.yaml',
      'name: x\ncommands:\n  - id: a\n    argv: [uname, -a\n',
    );
    await expect(loadProfile(syntax)).rejects.toMatchObject({
      code: 'profile',
      message: expect.stringMatching(new RegExp(`${syntax}:\\d+`)),
    });
    const empty = await profileFile(dir, 'empty.yaml', 'name: x\n');
    await expect(loadProfile(empty)).rejects.toThrow(/needs at least one of files or commands/);
  });

  it('says which shipped profiles exist when a name is unknown', async () => {
    await expect(loadProfile('no-such-profile')).rejects.toThrow(
      /no shipped profile "no-such-profile" \(shipped: .*linux-host.*\); to use a file, give its path/,
    );
  });

  it('merges explicit extends by id and reports cycles', async () => {
    const dir = await tempDir();
    await profileFile(
      dir,
      'base.yaml',
      'name: base\nvars: { HOME_DIR: { paths: [/nonexistent] } }\nfiles:\n  - { id: a, paths: [/tmp/a] }\n  - { id: b, paths: [/tmp/b] }\nforbid: ["/x"]\n',
    );
    const child = await profileFile(
      dir,
      'child.yaml',
      'name: child\nextends: ./base.yaml\ntimezone: Europe/Berlin\nfiles:\n  - { id: b, kind: log, paths: ["${HOME_DIR}/b.log"] }\n  - { id: c, paths: [/tmp/c] }\nforbid: ["/y"]\n',
    );
    const lp = await loadProfile(child);
    expect(lp.chain).toEqual([path.join(dir, 'base.yaml')]);
    expect(lp.profile.files.map((f) => `${f.id}:${f.kind}`)).toEqual([
      'a:other',
      'b:log',
      'c:other',
    ]);
    expect(lp.profile.forbid).toEqual(['/x', '/y']);
    expect(lp.profile.timezone).toBe('Europe/Berlin');
    await profileFile(
      dir,
      'p.yaml',
      'name: p\nextends: ./q.yaml\ncommands: [{ id: u, argv: [uname] }]\n',
    );
    await profileFile(
      dir,
      'q.yaml',
      'name: q\nextends: ./p.yaml\ncommands: [{ id: v, argv: [uname] }]\n',
    );
    await expect(loadProfile(path.join(dir, 'p.yaml'))).rejects.toThrow(
      'profiles extend each other in a cycle: p.yaml -> q.yaml -> p.yaml',
    );
  });

  it('rejects a ${VAR} that is neither declared nor built in, and a bad time zone', async () => {
    const dir = await tempDir();
    const f = await profileFile(
      dir,
      'v.yaml',
      'name: v\ncommands: [{ id: u, argv: [echo, "${NOPE}"] }]\n',
    );
    await expect(loadProfile(f)).rejects.toThrow(/commands.u: unknown variable \$\{NOPE\}/);
    const tz = await profileFile(
      dir,
      'tz.yaml',
      'name: v\ntimezone: Mars/Olympus\ncommands: [{ id: u, argv: [uname] }]\n',
    );
    await expect(loadProfile(tz)).rejects.toThrow(/tz.yaml:2: timezone: not an IANA time zone/);
  });
});

describe('vars and appliesWhen', () => {
  it('resolves vars from env, settings, paths and a running process; unresolved ones skip their items', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'home/log'), { recursive: true });
    await writeFile(path.join(dir, 'home/log/server.log'), '2026-11-27 10:00:00,000 INFO up\n');
    const marker = `casepack-test-marker-${process.pid}`;
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', marker], {
      stdio: 'ignore',
    });
    try {
      const f = await profileFile(
        dir,
        'app.yaml',
        [
          'name: app',
          'appliesWhen: { anyPathExists: ["${FROM_PATH}"] }',
          'vars:',
          '  FROM_ENV: { env: [CASEPACK_TEST_UNSET, CASEPACK_TEST_HOME] }',
          '  FROM_SETTING: { setting: products.app.home }',
          `  FROM_PATH: { paths: [/nonexistent, "${dir}/home"] }`,
          `  SERVER_PID: { process: { argvContains: ["${marker}"] } }`,
          '  MISSING: { env: [CASEPACK_TEST_UNSET], paths: [/nonexistent] }',
          'files:',
          '  - { id: logs, kind: log, paths: ["${FROM_PATH}/log/*.log"] }',
          '  - { id: gone, paths: ["${MISSING}/x"] }',
          'commands:',
          '  - { id: pid, argv: [echo, "${SERVER_PID}", "${FROM_ENV}", "${FROM_SETTING}", "${HOST}"] }',
          '  - { id: needs, argv: [echo, "${MISSING}"] }',
        ].join('\n'),
      );
      const lp = await loadProfile(f);
      const facts = hostFacts(
        { products: { app: { home: '/srv/app' } } },
        { ...process.env, CASEPACK_TEST_HOME: '/env/home' },
      );
      const plan = await buildPlan({ profiles: [lp], window, facts, hostZone: 'UTC', now });
      const p = plan.profiles[0]!;
      expect(p.applies).toBe(true);
      expect(p.appliesReason).toBe(`${dir}/home exists`);
      expect(p.vars.FROM_ENV).toEqual({ value: '/env/home', from: 'env CASEPACK_TEST_HOME' });
      expect(p.vars.FROM_SETTING).toEqual({ value: '/srv/app', from: 'setting products.app.home' });
      expect(p.vars.FROM_PATH).toMatchObject({ value: `${dir}/home` });
      expect(p.vars.SERVER_PID).toEqual({ value: String(child.pid), from: `process ${child.pid}` });
      expect(p.vars.MISSING!.reason).toBe(
        'not found (tried env CASEPACK_TEST_UNSET, path /nonexistent)',
      );
      const byId = Object.fromEntries(plan.items.map((i) => [i.id, i]));
      expect(byId[`logs:${dir}/home/log/server.log`]).toMatchObject({
        action: 'collect',
        path: `logs${dir}/home/log/server.log`,
      });
      expect(byId.pid).toMatchObject({
        argv: ['echo', String(child.pid), '/env/home', '/srv/app', facts.hostname],
      });
      expect(byId.gone).toMatchObject({
        action: 'skip',
        status: 'skipped',
        reason: expect.stringMatching(/^variable MISSING did not resolve: not found/),
      });
      expect(byId.needs).toMatchObject({ action: 'skip', status: 'skipped' });
    } finally {
      child.kill();
    }
  });
});
