// `casepack collect` through the real redactor, end to end: planted secrets of several kinds in a
// small server tree, casepack's own upload credential (an env var the settings refer to) planted
// in a log and printed by a command, the data directory inside the collected tree, pseudonyms on
// and off, and a secret that slips past a disabled rule. Every entry of every bundle is unzipped
// and searched, as a support engineer (or an attacker) would.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import { entry, manifestOf } from '../../support/bundle-read.js';
import { runCli, runCliJson, type CliResult } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

const DB_PASSWORD = 'Walnut4204forest_';
const URL_PASSWORD = 'Sup3rS3cret-url9';
const GITHUB_TOKEN = 'ghp_' + 'R8f3kQ2mZx7LwP0aTn5vYc1HbJ6sDe9GuK4i';
const RT_TOKEN = 'rt-own-credential-7Hq2xZ9vKm4P';
const PLANTED = [DB_PASSWORD, URL_PASSWORD, GITHUB_TOKEN, RT_TOKEN];
const NSSWITCH = 'passwd:         files systemd\ngroup:          files systemd\nhosts: files dns\n';

/** Every entry of a bundle, uncompressed, by name (unzip, as a person would). */
function entries(bundle: string): Map<string, string> {
  const names = execFileSync('unzip', ['-Z1', bundle], { encoding: 'utf8' })
    .split('\n')
    .filter((n) => n && !n.endsWith('/'));
  return new Map(names.map((n) => [n, entry(bundle, n).toString('latin1')]));
}

/** The host's name as a word of its own (not `vm` in `vm.swappiness` or `jvm`). */
function hostWord(name: string): RegExp {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_.@-])${esc}(?![A-Za-z0-9_-])(?!\\.[A-Za-z0-9])`, 'i');
}

describe('casepack collect redacts what it collects', () => {
  let dir: string;
  let root: string;
  let dataDir: string;
  let profile: string;
  let env: NodeJS.ProcessEnv;
  const host = os.hostname();

  const collect = async (out: string, extra: string[] = [], e: NodeJS.ProcessEnv = env) => {
    await mkdir(out, { recursive: true });
    const args = ['collect', '--profile', profile, '--since', '24h', '--out', out, '--yes'];
    return runCliJson<CollectResult>([...args, ...extra], { env: e });
  };

  beforeAll(async () => {
    dir = await tempDir();
    root = path.join(dir, 'root');
    // casepack's own data directory (site key, pseudonym map) sits inside the collected tree.
    dataDir = path.join(root, 'var/lib/casepack');
    await mkdir(path.join(root, 'etc/app'), { recursive: true });
    await mkdir(path.join(root, 'var/log/app'), { recursive: true });
    await writeFile(
      path.join(root, 'etc/app/app.properties'),
      `# shop database\ndb.url=jdbc:postgresql://db:5432/shop\ndb.user=shop\ndb.password=${DB_PASSWORD}\n`,
    );
    await writeFile(
      path.join(root, 'etc/app/deploy.yaml'),
      `deploy:\n  repo: https://github.com/acme/shop\n  github_token: ${GITHUB_TOKEN}\n`,
    );
    await writeFile(path.join(root, 'etc/app/nsswitch.conf'), NSSWITCH);
    await writeFile(
      path.join(root, 'var/log/app/app.log'),
      [
        `2026-01-01 10:00:00 INFO connecting to postgres://shop:${URL_PASSWORD}@db.internal/shop`,
        `2026-01-01 10:00:01 INFO upload to RT with token ${RT_TOKEN} failed`,
        `2026-01-01 10:00:02 INFO node ${host} is ready`,
        '',
      ].join('\n'),
    );
    const settings = path.join(dir, 'settings.yaml');
    await writeFile(
      settings,
      [
        'targets:',
        '  vendor-rt:',
        '    type: rt',
        '    url: https://rt.vendor.example',
        '    queue: Support',
        '    token: { env: CASEPACK_TEST_RT_TOKEN }',
      ].join('\n') + '\n',
    );
    profile = path.join(dir, 'app.yaml');
    await writeFile(
      profile,
      [
        'name: app',
        'files:',
        `  - { id: everything, paths: ["${root}/**"] }`,
        'commands:',
        '  - { id: rt-env, argv: [sh, -c, "echo token in env: $CASEPACK_TEST_RT_TOKEN"] }',
      ].join('\n') + '\n',
    );
    env = {
      CASEPACK_CONFIG: settings,
      CASEPACK_DATA_DIR: dataDir,
      CASEPACK_TEST_RT_TOKEN: RT_TOKEN,
    };
  });

  function expectClean(bundle: string, r: CliResult): Map<string, string> {
    const all = entries(bundle);
    expect(all.size).toBeGreaterThan(5);
    for (const [name, text] of all)
      for (const s of PLANTED) expect(text.includes(s), `${s} in ${name}`).toBe(false);
    for (const s of PLANTED) expect(r.stdout + r.stderr).not.toContain(s);
    return all;
  }

  it('removes every planted secret and casepack’s own credential, names the rule, and verifies', async () => {
    const r = await collect(path.join(dir, 'out-plain'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.releasable).toBe(true);
    const all = expectClean(r.json.bundle, r);
    const byEnd = (suffix: string) => [...all].find(([n]) => n.endsWith(suffix))![1];
    expect(byEnd('etc/app/app.properties')).toContain('db.password=[REDACTED:password]');
    expect(byEnd('etc/app/app.properties')).toContain('db.user=shop');
    expect(byEnd('etc/app/deploy.yaml')).toContain('github_token: [REDACTED:');
    const log = byEnd('var/log/app/app.log');
    expect(log).toMatch(/postgres:\/\/shop:\[REDACTED:[a-z-]*password\]@db\.internal\/shop/);
    expect(log).toContain('with token [REDACTED:casepack-credential] failed');
    // Pseudonyms are off by default: the host's name stays for the support engineer.
    expect(log).toContain(`node ${host} is ready`);
    expect(byEnd('commands/rt-env.txt')).toBe('token in env: [REDACTED:casepack-credential]\n');
    // nsswitch.conf is not a password file: it comes out byte-identical.
    expect(byEnd('etc/app/nsswitch.conf')).toBe(NSSWITCH);

    const m = manifestOf(r.json.bundle);
    expect(m.redaction?.counts.password).toBe(1);
    expect(m.redaction?.counts['casepack-credential']).toBe(2);
    expect(m.redaction?.leaks).toBeUndefined();
    const html = all.get('report.html')!;
    expect(html).toMatch(/<h2[^>]*>Redaction/);
    expect(html).toMatch(/<td>casepack-credential<\/td><td>2<\/td>/);
    expect(html).not.toContain('Not releasable');

    const v = await runCli(['verify', r.json.bundle]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it('--pseudonymize all: pseudonyms in the name, manifest and files, the same in every run, never the site key', async () => {
    const runs = [];
    for (const out of ['out-p1', 'out-p2']) {
      const r = await collect(path.join(dir, out), ['--pseudonymize', 'all']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json.releasable).toBe(true);
      runs.push(r);
    }
    const siteKey = (await readFile(path.join(dataDir, 'site.key'), 'utf8')).trim();
    expect(siteKey).toMatch(/^[0-9a-f]{64}$/);
    const lines: string[] = [];
    for (const r of runs) {
      const bundle = r.json.bundle;
      const m = manifestOf(bundle);
      expect(m.host.name).toMatch(/^h-[0-9a-f]{8}/);
      expect(m.host.name.toLowerCase()).not.toBe(host.toLowerCase());
      expect(path.basename(bundle)).toContain(`-${m.host.name}-`);
      expect(m.redaction?.pseudonymized).toEqual(['hosts', 'ips', 'emails', 'users', 'keywords']);
      const all = expectClean(bundle, r);
      for (const [name, text] of all) {
        expect(hostWord(host).test(text), `${host} in ${name}`).toBe(false);
        expect(text.includes(siteKey), `site key in ${name}`).toBe(false);
      }
      // The data directory is never collected: no entry of it, and the manifest says why.
      expect([...all.keys()].some((n) => n.includes('var/lib/casepack'))).toBe(false);
      // (The first run creates the site key after planning; the second finds it and leaves it.)
      if (r === runs[1])
        expect(m.items.find((i) => i.source === path.join(dataDir, 'site.key'))).toMatchObject({
          status: 'skipped',
          reason: expect.stringMatching(/forbidden/),
        });
      const log = [...all].find(([n]) => n.endsWith('var/log/app/app.log'))![1];
      lines.push(log.split('\n').find((l) => l.includes('is ready'))!);
      const v = await runCli(['verify', bundle]);
      expect(v.code, v.stdout + v.stderr).toBe(0);
    }
    expect(lines[0]).toMatch(/node h-[0-9a-f]{8}\S* is ready/);
    expect(lines[1]).toBe(lines[0]);
  });

  it('refuses a bundle in which a secret slipped past a disabled rule: exit 1, marked, verify fails', async () => {
    const settings = path.join(dir, 'settings-disabled.yaml');
    await writeFile(settings, 'redaction:\n  disable: [password]\n');
    const r = await collect(path.join(dir, 'out-leak'), [], { ...env, CASEPACK_CONFIG: settings });
    expect(r.code, r.stderr).toBe(1);
    expect(r.json.releasable).toBe(false);
    expect(r.stderr).toMatch(/NOT RELEASABLE/);
    expect(r.stderr).not.toContain(DB_PASSWORD);
    const where = r.json.leaks!.find((l) => l.entry.endsWith('etc/app/app.properties'));
    expect(where).toMatchObject({ line: 4, rule: 'password' });
    const m = manifestOf(r.json.bundle);
    expect(m.redaction?.leaks).toEqual(expect.arrayContaining([where]));
    expect(entry(r.json.bundle, 'report.html').toString('utf8')).toContain('Not releasable');
    const v = await runCli(['verify', r.json.bundle]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/etc\/app\/app\.properties:4: .*rule password/);
    expect(v.stdout + v.stderr).not.toContain(DB_PASSWORD);
  });
});
