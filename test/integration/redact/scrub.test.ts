// `casepack scrub` as users run it: every regular file comes out at the same path, secrets gone,
// text without secrets (IPs, host names, e-mails included) byte-identical by default, and the bad
// inputs of the issue: binary, invalid UTF-8, CRLF, truncated PEM, a custom catastrophic regex.
import { chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

let inDir: string;
let outDir: string;
let dataDir: string;
let json: {
  files: number;
  skipped: Array<{ path: string; reason: string }>;
  ignored: unknown[];
  counts: Record<string, number>;
};
const env = () => ({
  CASEPACK_DATA_DIR: dataDir,
  CASEPACK_CONFIG: path.join(dataDir, 'none.yaml'),
});

const BINARY = Buffer.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0,
  0,
  0,
  13,
  0x49,
  0x48,
  0x44,
  0x52,
  ...Buffer.from('password=notredacted'),
  0,
  1,
  2,
  255,
]);
const INVALID_UTF8 = Buffer.concat([
  Buffer.from('caf\xe9 \xff\xfe latin1 line\n', 'latin1'),
  Buffer.from('db.password=S3cret-Pw!\n'),
  Buffer.from([0xc3, 0x28, 0x0a]),
]);

beforeAll(async () => {
  const root = await tempDir();
  inDir = path.join(root, 'in');
  outDir = path.join(root, 'out');
  dataDir = path.join(root, 'data');
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, 'none.yaml'), '');
  await mkdir(path.join(inDir, 'etc/app'), { recursive: true });
  await mkdir(path.join(inDir, 'logs'), { recursive: true });
  await writeFile(
    path.join(inDir, 'etc/app/app.properties'),
    'db.url=jdbc:postgresql://db1.corp.example:5432/app\ndb.password=Hunter2-Secret!\nserver.port=8443\n',
  );
  await writeFile(
    path.join(inDir, 'logs/clean.log'),
    '2025-01-01 10:00:00 INFO connected to db1.corp.example (10.1.2.3) for ops@corp.example\n2025-01-01 10:00:01 INFO password policy applied\n',
  );
  await writeFile(
    path.join(inDir, 'logs/windows.log'),
    'user=svc\r\npassword=CrLf-Secret-9\r\nok\r\n',
  );
  await writeFile(path.join(inDir, 'image.png'), BINARY);
  await writeFile(path.join(inDir, 'latin1.txt'), INVALID_UTF8);
  await writeFile(
    path.join(inDir, 'truncated.pem'),
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA71J+XCX+ker80wW5PzhN4BFzNlTz8FYha23tKsgT3zu4WQ+V\n2Ru548N4irBInlL3R2Ov0NgLyWt+eAPUXu4JmV560qVeo0qTHV15NBpKX/Rb4QJ2\n',
  );
  await writeFile(path.join(inDir, 'empty.conf'), '');
  await symlink('/etc/passwd', path.join(inDir, 'link-to-passwd'));
  const r = await runCliJson<typeof json>(['scrub', inDir, '--out', outDir], { env: env() });
  expect(r.code, r.stderr).toBe(0);
  json = r.json;
});

const out = (rel: string) => readFile(path.join(outDir, rel));

describe('casepack scrub', () => {
  it('writes every regular file at the same relative path, secrets removed', async () => {
    expect(json.files).toBe(7);
    const props = (await out('etc/app/app.properties')).toString();
    expect(props).not.toContain('Hunter2-Secret!');
    expect(props).toContain('db.password=[REDACTED:password]');
    expect(props).toContain('server.port=8443');
    expect((await out('empty.conf')).length).toBe(0);
  });

  it('leaves text without secrets byte-identical, IPs, host names and e-mails included', async () => {
    expect(
      (await out('logs/clean.log')).equals(await readFile(path.join(inDir, 'logs/clean.log'))),
    ).toBe(true);
  });

  it('keeps CRLF line ends', async () => {
    expect((await out('logs/windows.log')).toString()).toBe(
      'user=svc\r\npassword=[REDACTED:password]\r\nok\r\n',
    );
  });

  it('copies binary files untouched and says so', async () => {
    expect((await out('image.png')).equals(BINARY)).toBe(true);
    expect(json.skipped).toContainEqual({ path: 'image.png', reason: 'binary' });
  });

  it('keeps invalid UTF-8 bytes exactly', async () => {
    const o = await out('latin1.txt');
    expect(o.subarray(0, 20).equals(INVALID_UTF8.subarray(0, 20))).toBe(true);
    expect(o.subarray(-3).equals(Buffer.from([0xc3, 0x28, 0x0a]))).toBe(true);
    expect(o.toString('latin1')).not.toContain('S3cret-Pw!');
  });

  it('removes the body of a truncated private key', async () => {
    const o = (await out('truncated.pem')).toString();
    expect(o).toContain('-----BEGIN RSA PRIVATE KEY-----');
    expect(o).not.toMatch(/MIIEpAIB|2Ru548N4/);
  });

  it('does not follow or copy symlinks, and lists them', async () => {
    await expect(stat(path.join(outDir, 'link-to-passwd'))).rejects.toThrow();
    expect(json.ignored).toContainEqual({ path: 'link-to-passwd', type: 'symlink' });
  });
});

describe('custom rules', () => {
  it('run a catastrophic-backtracking pattern in linear time (RE2) and reject what RE2 cannot do', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'in'));
    await writeFile(path.join(dir, 'in', 'x.txt'), `${'a'.repeat(50000)}!\nticket=XY-1234\n`);
    const cfg = path.join(dir, 'cfg.yaml');
    await writeFile(
      cfg,
      'redaction:\n  rules:\n    - id: evil\n      pattern: "(a+)+$"\n    - id: ticket\n      pattern: "ticket=(?P<secret>[A-Z]{2}-\\\\d+)"\n',
    );
    // (a+)+$ has no `secret` group: a clear error naming the rule
    let r = await runCli(['scrub', path.join(dir, 'in'), '--out', path.join(dir, 'o1')], {
      env: { ...env(), CASEPACK_CONFIG: cfg },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/redaction rule "evil".*named group/);
    await writeFile(
      cfg,
      'redaction:\n  rules:\n    - id: evil\n      pattern: "(?P<secret>(a+)+)$"\n    - id: ticket\n      pattern: "ticket=(?P<secret>[A-Z]{2}-\\\\d+)"\n',
    );
    r = await runCli(['scrub', path.join(dir, 'in'), '--out', path.join(dir, 'o2')], {
      env: { ...env(), CASEPACK_CONFIG: cfg },
    });
    expect(r.code, r.stderr).toBe(0);
    const o = (await readFile(path.join(dir, 'o2', 'x.txt'))).toString();
    expect(o).toContain('ticket=[REDACTED:ticket]');
    await writeFile(
      cfg,
      'redaction:\n  rules:\n    - id: backref\n      pattern: "(?P<secret>x)\\\\1"\n',
    );
    r = await runCli(['scrub', path.join(dir, 'in'), '--out', path.join(dir, 'o3')], {
      env: { ...env(), CASEPACK_CONFIG: cfg },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/redaction rule "backref".*RE2 syntax/);
  });
});

describe('pseudonymisation', () => {
  it('creates the site key 0600, maps values consistently and looks them back up', async () => {
    const o1 = path.join(path.dirname(outDir), 'p1');
    const o2 = path.join(path.dirname(outDir), 'p2');
    let r = await runCli(['scrub', inDir, '--out', o1, '--pseudonymize', 'ips,emails'], {
      env: env(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect((await stat(path.join(dataDir, 'site.key'))).mode & 0o777).toBe(0o600);
    r = await runCli(['scrub', inDir, '--out', o2, '--pseudonymize', 'all'], { env: env() });
    const a = (await readFile(path.join(o1, 'logs/clean.log'))).toString();
    const b = (await readFile(path.join(o2, 'logs/clean.log'))).toString();
    expect(a).not.toContain('10.1.2.3');
    expect(a).not.toContain('ops@corp.example');
    const ip = /\((\d+\.\d+\.\d+\.\d+)\)/.exec(a)![1]!;
    expect(ip).toMatch(/^10\./);
    expect(b).toContain(`(${ip})`);
    const look = await runCliJson<{ found: Array<{ value: string }> }>(
      ['pseudonyms', 'lookup', ip],
      { env: env() },
    );
    expect(look.json.found.map((f) => f.value)).toEqual(['10.1.2.3']);
    const key = (await readFile(path.join(dataDir, 'site.key'), 'utf8')).trim();
    for (const d of [o1, o2])
      for (const f of ['logs/clean.log', 'etc/app/app.properties'])
        expect((await readFile(path.join(d, f))).toString()).not.toContain(key);
    expect(look.stdout + look.stderr + r.stdout + r.stderr).not.toContain(key);
  });

  it('fails clearly when the site key cannot be read', async () => {
    const dir = await tempDir();
    const data = path.join(dir, 'data');
    await mkdir(data, { mode: 0o755 });
    await writeFile(path.join(data, 'site.key'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    await chmod(dir, 0o755);
    await mkdir(path.join(dir, 'in'), { mode: 0o755 });
    await writeFile(path.join(dir, 'in', 'a.log'), 'host 10.0.0.1\n', { mode: 0o644 });
    await writeFile(path.join(dir, 'none.yaml'), '', { mode: 0o644 });
    await mkdir(path.join(dir, 'out'), { mode: 0o777 });
    await chmod(path.join(dir, 'out'), 0o777);
    const r = await runCli(
      ['scrub', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--pseudonymize', 'ips'],
      {
        env: { CASEPACK_DATA_DIR: data, CASEPACK_CONFIG: path.join(dir, 'none.yaml') },
        asUser: 'nobody',
      },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot read the site key .*site\.key \(EACCES\)/);
    expect(r.stderr).not.toContain('abab');
  });
});
