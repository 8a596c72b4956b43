// IP pseudonyms and the pseudonym store as a user meets them: `casepack scrub` and `collect` with
// `--pseudonymize all`, then `casepack pseudonyms lookup` on what came out. IP pseudonyms map back
// with the site key alone (they are not stored) and keep subnets; the store gets each mapping once,
// across runs, also when it already holds a million others; a token an older casepack stored is
// reported as such, never decrypted into an address it did not stand for.
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import type { PseudonymLookupReply } from '../../../core/common/api/redaction.js';
import { runCli, runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

// One address per line (`NAME ADDRESS`), so the output's second word is that line's pseudonym.
const ADDRS: Array<[string, string]> = [
  ['a', '10.1.2.3'],
  ['b', '10.1.2.77'],
  ['c', '10.1.9.1'],
  ['d', '10.200.0.1'],
  ['e', '192.168.7.9'],
  ['f', '203.0.113.9'],
  ['g', '203.0.114.10'],
  ['h', '172.20.5.6'],
  ['i', '2001:db8::1'],
  ['j', 'fe80::1ff:fe23:4567:890a'],
];
const OTHER = [
  'host dhcp-10-20-30-40 asked',
  'mail from ops@corp.example for user=jdoe at Acme',
  'nic 00:1A:2B:3C:4D:5E up',
];

const bits = (a: string): string =>
  a
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('');
const common = (a: string, b: string): number => {
  const [x, y] = [bits(a), bits(b)];
  let n = 0;
  while (n < 32 && x[n] === y[n]) n++;
  return n;
};
const lines = async (f: string): Promise<string[]> =>
  (await readFile(f, 'utf8')).split('\n').filter((l) => l !== '');

describe('IP pseudonyms and the pseudonym store', () => {
  let root: string;
  let inDir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let store: string;
  let out: string[];

  const scrub = async (name: string): Promise<string[]> => {
    const o = path.join(root, name);
    const r = await runCli(['scrub', inDir, '--out', o, '--pseudonymize', 'all'], { env });
    expect(r.code, r.stderr).toBe(0);
    return (await readFile(path.join(o, 'logs/access.log'), 'utf8')).split('\n');
  };
  const lookup = (token: string, e = env) =>
    runCliJson<PseudonymLookupReply>(['pseudonyms', 'lookup', token], { env: e });
  const collect = async (name: string) => {
    const o = path.join(root, name);
    await mkdir(o);
    const profile = path.join(root, 'p.yaml');
    const args = ['collect', '--profile', profile, '--since', '24h', '--out', o, '--yes'];
    const r = await runCliJson<CollectResult>([...args, '--pseudonymize', 'all'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.releasable).toBe(true);
    return r;
  };

  beforeAll(async () => {
    root = await tempDir();
    inDir = path.join(root, 'in');
    dataDir = path.join(root, 'data');
    store = path.join(dataDir, 'pseudonyms.jsonl');
    await mkdir(path.join(inDir, 'logs'), { recursive: true });
    await writeFile(
      path.join(inDir, 'logs/access.log'),
      [...ADDRS.map(([n, a]) => `${n} ${a} GET /`), ...OTHER].join('\n') + '\n',
    );
    const settings = path.join(root, 'settings.yaml');
    await writeFile(settings, 'redaction:\n  keywords: [Acme]\n');
    await writeFile(
      path.join(root, 'p.yaml'),
      `name: p\nfiles:\n  - { id: logs, paths: ["${inDir}/**"] }\n`,
    );
    env = { CASEPACK_DATA_DIR: dataDir, CASEPACK_CONFIG: settings };
    out = await scrub('o1');
  });

  it('IP pseudonyms are valid, keep subnets, and map back with the key alone', async () => {
    const p = ADDRS.map((_, k) => out[k]!.split(' ')[1]!);
    for (let k = 0; k < ADDRS.length; k++) expect(p[k]).not.toBe(ADDRS[k]![1]);
    const v4 = ADDRS.map((x, k) => [x[1], p[k]!] as const).filter(([a]) => !a.includes(':'));
    for (const [, t] of v4) expect(t).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
    for (const [a, pa] of v4)
      for (const [b, pb] of v4) expect(common(pa, pb), `${a} / ${b}`).toBe(common(a, b));
    expect(p[4]).toMatch(/^192\.168\./);

    // Nothing of an address is stored, and yet every pseudonym maps back.
    const stored = await readFile(store, 'utf8');
    for (const [, a] of ADDRS) expect(stored).not.toContain(a);
    for (let k = 0; k < ADDRS.length; k++) {
      const r = await lookup(p[k]!);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json.found).toEqual([{ token: p[k], category: 'ips', value: ADDRS[k]![1] }]);
    }
    const host = /dhcp-(\d+-\d+-\d+-\d+) asked/.exec(out.join('\n'))![1]!;
    expect(host).not.toBe('10-20-30-40');
    const r = await runCli(['pseudonyms', 'lookup', `dhcp-${host}`], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\tips\t10.20.30.40');

    // Names still come from the store; a loopback address was never a pseudonym.
    const mail = /from (\S+) for/.exec(out.join('\n'))![1]!;
    const user = mail.slice(0, mail.indexOf('@'));
    expect((await lookup(user)).json.found.map((f) => f.value)).toEqual(['ops']);
    const lo = await runCli(['pseudonyms', 'lookup', '127.0.0.1'], { env });
    expect(lo.code).toBe(1);
    expect(lo.stderr).toMatch(/127\.0\.0\.1 is not a pseudonym: .*loopback/);
  });

  it('a second run, of scrub or of collect, adds nothing to the store', async () => {
    const first = await readFile(store, 'utf8');
    expect(first.split('\n').filter((l) => l.includes('"value":"jdoe"'))).toHaveLength(1);
    const again = await scrub('o2');
    expect(again).toEqual(out);
    expect(await readFile(store, 'utf8')).toBe(first);

    await collect('c1'); // adds this host's names and what the system report holds
    const afterOne = await readFile(store, 'utf8');
    expect(afterOne.startsWith(first)).toBe(true);
    await collect('c2');
    // The system report is read again, and the machine may have gained a process or a user since
    // (other tests run beside this one): such a value is new and is appended. Nothing already in
    // the store is appended again.
    const afterTwo = await readFile(store, 'utf8');
    expect(afterTwo.startsWith(afterOne)).toBe(true);
    const all = await lines(store);
    expect(new Set(all).size).toBe(all.length);
    const values = all.map((l) => JSON.stringify([JSON.parse(l).category, JSON.parse(l).value]));
    expect(new Set(values).size).toBe(values.length);
  });

  it('a store of a million mappings is streamed, not rewritten, and not appended to again', async () => {
    const before = await lines(store);
    const w = createWriteStream(store, { flags: 'a' });
    for (let i = 0; i < 1_000_000; i++) {
      const line = `{"token":"kw-${i.toString(16).padStart(8, '0')}","category":"keywords","value":"word${i}"}\n`;
      if (!w.write(line)) await once(w, 'drain');
    }
    w.end();
    await once(w, 'finish');
    const size = (await stat(store)).size;
    await collect('c3');
    expect((await stat(store)).size).toBe(size);
    const now = execFileSync('wc', ['-l', store], { encoding: 'utf8' });
    expect(Number(now.trim().split(' ')[0])).toBe(before.length + 1_000_000);
    const last = await lookup('kw-000f423f');
    expect(last.json.found).toEqual([
      { token: 'kw-000f423f', category: 'keywords', value: 'word999999' },
    ]);
  });

  it('an IP token an older casepack stored is reported as such, not decrypted', async () => {
    const legacyData = path.join(root, 'legacy');
    await mkdir(legacyData, { mode: 0o700 });
    await writeFile(
      path.join(legacyData, 'site.key'),
      await readFile(path.join(dataDir, 'site.key')),
      {
        mode: 0o600,
      },
    );
    await writeFile(
      path.join(legacyData, 'pseudonyms.jsonl'),
      '{"token":"10.99.88.77","category":"ips","value":"10.1.2.3"}\n',
      { mode: 0o600 },
    );
    const e = { ...env, CASEPACK_DATA_DIR: legacyData };
    const r = await runCli(['pseudonyms', 'lookup', '10.99.88.77'], { env: e });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/10\.99\.88\.77 is ambiguous: an older casepack .* says 10\.1\.2\.3/);
    const j = await lookup('10.99.88.77', e);
    expect(j.json.found).toEqual([]);
    expect(j.json.legacy).toEqual([{ token: '10.99.88.77', category: 'ips', value: '10.1.2.3' }]);
  });
});
