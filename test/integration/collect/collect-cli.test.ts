import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import { entry, itemBySource, manifestOf, unzipTest } from '../../support/bundle-read.js';
import { runCli, runCliJson } from '../../support/cli.js';
import { expectedWindow, writeLog } from '../../support/log-gen.js';
import { alive } from '../../support/proc.js';
import { tempDir } from '../../support/tmp.js';

const H = 3_600_000;

/** A small server tree with every kind of bad input the issue lists. */
async function fixtureTree(root: string) {
  const logs = path.join(root, 'var/log/app');
  await mkdir(logs, { recursive: true });
  const now = Date.now();
  const log = await writeLog(path.join(logs, 'server.log'), 'log4j', {
    from: now - 96 * H,
    count: 600,
    stepMs: (96 * H) / 600,
    zone: 'UTC',
  });
  execFileSync('mkfifo', [path.join(logs, 'fifo.log')]);
  execFileSync('mknod', [path.join(logs, 'dev.log'), 'c', '1', '3']);
  const server = net.createServer().listen(path.join(logs, 'sock.log'));
  await new Promise((r) => server.once('listening', r));
  await mkdir(path.join(logs, 'nested'));
  await symlink(logs, path.join(logs, 'nested/back'));
  await writeFile(
    path.join(logs, 'binary.log'),
    Buffer.from([0, 1, 2, 0xff, 0xfe, 0xc3, 0x28, 10]),
  );
  await writeFile(path.join(logs, 'secret.log'), 'root only\n', { mode: 0o600 });
  return { log, server, now };
}

describe('casepack collect, end to end', () => {
  let dir: string;
  let tree: Awaited<ReturnType<typeof fixtureTree>>;
  let profile: string;
  beforeAll(async () => {
    dir = await tempDir();
    await chmod(dir, 0o755);
    tree = await fixtureTree(path.join(dir, 'root'));
    profile = path.join(dir, 'app.yaml');
    const pidFile = path.join(dir, 'grandchild.pid');
    await writeFile(
      profile,
      [
        'name: app',
        'files:',
        `  - { id: app-logs, kind: log, paths: ["${dir}/root/var/log/app/**"] }`,
        `  - { id: nothing, paths: ["${dir}/root/opt/none/*.conf"] }`,
        'commands:',
        '  - { id: hello, argv: [echo, hello], timeout: 5s }',
        `  - { id: hang, argv: [sh, -c, "sh -c 'trap \\"\\" TERM; echo $$ > ${pidFile}; while :; do sleep 1; done' & wait"], timeout: 1s }`,
        '  - { id: flood, argv: [yes], maxBytes: 64KiB }',
        '  - { id: missing, argv: [casepack-no-such-program] }',
      ].join('\n'),
    );
  });
  afterAll(() => tree?.server.close());

  it('writes a bundle whose manifest says what happened to every item, and exits 0', async () => {
    const out = path.join(dir, 'out');
    await mkdir(out);
    const r = await runCliJson<CollectResult>(
      [
        'collect',
        '--profile',
        profile,
        '--since',
        '24h',
        '--out',
        out,
        '--yes',
        '--no-system-report',
      ],
      { env: { TZ: 'UTC' } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(path.isAbsolute(r.json.bundle)).toBe(true);
    expect(path.dirname(r.json.bundle)).toBe(out);
    expect(path.basename(r.json.bundle)).toMatch(/^casepack-NEW-.+-\d{8}T\d{6}Z\.zip$/);
    expect(await readdir(out)).toEqual([path.basename(r.json.bundle)]);
    expect(unzipTest(r.json.bundle)).toMatch(/No errors detected/);
    expect((await runCli(['verify', r.json.bundle])).code).toBe(0);
    const m = manifestOf(r.json.bundle);
    const logs = `${dir}/root/var/log/app`;
    const server = itemBySource(m, `${logs}/server.log`);
    expect(server).toMatchObject({ status: 'collected', window: { applied: true, format: 'iso' } });
    const since = Date.parse(m.window.since);
    const until = Date.parse(m.window.until);
    expect(entry(r.json.bundle, server.path!).toString('utf8')).toBe(
      expectedWindow(tree.log, since, until),
    );
    for (const [name, what] of [
      ['fifo.log', 'FIFO'],
      ['dev.log', 'character device'],
      ['sock.log', 'socket'],
    ])
      expect(itemBySource(m, `${logs}/${name}`)).toMatchObject({
        status: 'skipped',
        reason: `not a regular file (${what}): never opened`,
      });
    expect(itemBySource(m, `${logs}/nested/back`)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/symlink loop/),
    });
    expect(itemBySource(m, `${dir}/root/opt/none/*.conf`)).toMatchObject({
      status: 'skipped',
      reason: 'nothing matches',
    });
    const bin = itemBySource(m, `${logs}/binary.log`);
    expect(entry(r.json.bundle, bin.path!)).toEqual(
      Buffer.from([0, 1, 2, 0xff, 0xfe, 0xc3, 0x28, 10]),
    );
    expect(itemBySource(m, 'hello')).toMatchObject({ status: 'collected', exitCode: 0 });
    expect(entry(r.json.bundle, 'commands/hello.txt').toString()).toBe('hello\n');
    expect(itemBySource(m, 'hang')).toMatchObject({
      status: 'failed',
      timedOut: true,
      reason: expect.stringMatching(/^timed out after 1s/),
    });
    const grandchild = Number(await readFile(path.join(dir, 'grandchild.pid'), 'utf8'));
    expect(grandchild).toBeGreaterThan(1);
    expect(alive(grandchild)).toBe(false);
    expect(itemBySource(m, 'flood')).toMatchObject({ status: 'truncated', size: 65536 });
    expect(itemBySource(m, 'missing')).toMatchObject({
      status: 'failed',
      reason: 'command not found: casepack-no-such-program',
    });
    expect(r.json.summary.failed).toBeGreaterThanOrEqual(2);
  });

  it('as an unprivileged user: an unreadable file fails, the rest is collected', async () => {
    const out = path.join(dir, 'out-nobody');
    await mkdir(out);
    await chmod(out, 0o777);
    await chmod(profile, 0o644);
    const r = await runCliJson<CollectResult>(
      ['collect', '--profile', profile, '--out', out, '--yes', '--no-system-report'],
      { asUser: 'nobody', env: { HOME: out, XDG_CONFIG_HOME: out } },
    );
    expect(r.code, r.stderr).toBe(0);
    const m = manifestOf(r.json.bundle);
    expect(itemBySource(m, `${dir}/root/var/log/app/secret.log`)).toMatchObject({
      status: 'failed',
      reason: 'permission denied (run casepack as a user who may read it)',
    });
    expect(itemBySource(m, `${dir}/root/var/log/app/server.log`).status).toBe('collected');
  });

  it('an output directory nobody may write to: exit 3, clear message, nothing left behind', async () => {
    const out = path.join(dir, 'out-locked');
    await mkdir(out, { mode: 0o755 });
    const r = await runCli(
      ['collect', '--profile', profile, '--out', out, '--yes', '--no-system-report'],
      {
        asUser: 'nobody',
        env: { HOME: out, XDG_CONFIG_HOME: out },
      },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/permission/i);
    expect(await readdir(out)).toEqual([]);
  });

  it('a disk that fills: exit 3, no .zip or .partial left', async () => {
    const mnt = path.join(dir, 'small');
    await mkdir(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    try {
      const big = path.join(dir, 'big.bin');
      await writeFile(big, randomBytes(4 * 1024 * 1024));
      const p = path.join(dir, 'big.yaml');
      await writeFile(p, `name: big\nfiles:\n  - { id: big, paths: ["${big}"] }\n`);
      const r = await runCli([
        'collect',
        '--profile',
        p,
        '--out',
        mnt,
        '--yes',
        '--no-system-report',
      ]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/no space|disk.*full/i);
      expect(await readdir(mnt)).toEqual([]);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('a broken profile: exit 4 naming file, line and key; nothing collected', async () => {
    const out = path.join(dir, 'out-broken');
    await mkdir(out);
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'name: bad\nfiles:\n  - id: x\n    path: [/etc/hosts]\n');
    const r = await runCli(['collect', '--profile', bad, '--out', out, '--yes']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${bad}:4: files[0].path: unknown key "path"`);
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'name: broken\nfiles: [ { id: x, paths: [/etc/hosts] }\n');
    const b = await runCli(['collect', '--profile', broken, '--out', out, '--yes']);
    expect(b.code).toBe(4);
    expect(b.stderr).toContain(broken);
    expect(await readdir(out)).toEqual([]);
  });
});
