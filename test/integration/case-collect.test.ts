// `casepack collect --case-file` / `--case N --ref R` as users run them, on real files: case.json
// holds the case as written, the bundle name and manifest know it, report.html opens with it, and
// what the case lacks is a warning that names the field and why L1 needs it.
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../core/common/api/collect.js';
import { SEVERITY_INFO } from '../../core/common/case/definitions.js';
import type { CaseInput } from '../../core/common/case/schema.js';
import { entry, entryNames, manifestOf } from '../support/bundle-read.js';
import { minimalCase, without } from '../support/case-fixtures.js';
import { runCli, runCliJson } from '../support/cli.js';
import { makePng } from '../support/png.js';
import { tempDir } from '../support/tmp.js';

let dir: string;
let profile: string;
let env: NodeJS.ProcessEnv;
let n = 0;

beforeAll(async () => {
  dir = await tempDir();
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'etc'));
  await mkdir(path.join(dir, 'logs'));
  await writeFile(path.join(dir, 'etc', 'app.properties'), 'port=8080\nmode=fast\n');
  const now = Date.now();
  await writeFile(
    path.join(dir, 'logs', 'server.log'),
    [1, 2, 3]
      .map((h) => `${new Date(now - h * 3_600_000).toISOString()} ERROR boom ${h}\n`)
      .join(''),
  );
  profile = path.join(dir, 'app.yaml');
  await writeFile(
    profile,
    stringify({
      name: 'my-app',
      files: [
        { id: 'app-config', kind: 'config', paths: [`${dir}/etc/*.properties`] },
        { id: 'app-logs', kind: 'log', paths: [`${dir}/logs/*.log`] },
      ],
    }),
  );
  env = {
    CASEPACK_DATA_DIR: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    CASEPACK_CONFIG: '',
  };
});

async function caseFile(c: unknown): Promise<string> {
  const f = path.join(dir, `case-${++n}.yaml`);
  await writeFile(f, typeof c === 'string' ? c : stringify(c));
  return f;
}

async function outDir(): Promise<string> {
  const out = path.join(dir, `out-${++n}`);
  await mkdir(out);
  return out;
}

/** `casepack collect` quickly (no system report), into a fresh folder. */
async function collect(extra: string[], out?: string) {
  const o = out ?? (await outDir());
  const r = await runCliJson<CollectResult>(
    ['collect', '--profile', profile, '--no-system-report', '--yes', '--out', o, ...extra],
    { env },
  );
  return { ...r, out: o };
}

const text = (bundle: string, name: string) => entry(bundle, name).toString('utf8');

describe('casepack collect with a case', () => {
  it('puts the case into case.json as written, and report.html opens with it', async () => {
    const c: CaseInput = {
      ...minimalCase('product-error'),
      severity: 'P2',
      contact: { name: 'Zoë Ångström-שלום', email: 'zoe@example.org', phone: '+49 30 1234567' },
      description: 'שגיאה בהתחברות\n<script>alert(1)</script> & "quotes"',
      platform: { os: 'Debian GNU/Linux', version: '12' },
    };
    const r = await collect(['--case-file', await caseFile(c)]);
    expect(r.code).toBe(0);
    expect(path.basename(r.json.bundle)).toMatch(/^casepack-NEW-.+\.zip$/);

    expect(JSON.parse(text(r.json.bundle, 'case.json'))).toEqual(c);
    expect(manifestOf(r.json.bundle).case).toEqual({
      mode: 'new',
      type: 'product-error',
      severity: 'P2',
    });

    const html = text(r.json.bundle, 'report.html');
    // The case is the first section: L1 reads what and how urgent before the host's facts.
    const caseAt = html.indexOf('<section id="case">');
    expect(caseAt).toBeGreaterThan(0);
    expect(caseAt).toBeLessThan(html.indexOf('<section id="overview">'));
    const section = html.slice(caseAt, html.indexOf('</section>', caseAt));
    expect(section).toContain('Nightly reconciliation job fails');
    expect(section).toContain('Product error');
    expect(section).toContain(SEVERITY_INFO.P2.definition);
    expect(section).toContain('Zoë Ångström-שלום');
    expect(section).toContain('mailto:zoe@example.org');
    expect(section).toContain('IGL Server');
    expect(section).toContain('Debian GNU/Linux');
    expect(section).toContain('Every field this case type requires is given.');
    // Right-to-left text intact, and HTML shown as text, never as markup.
    expect(section).toContain('שגיאה בהתחברות');
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<script>');
    // Complete case: no field warnings; the artifact this bundle lacks is named, with why.
    expect(r.json.warnings.filter((w) => /^case: [a-zA-Z.]+: missing/.test(w))).toEqual([]);
    expect(r.json.warnings.join('\n')).toMatch(
      /case: a product error needs system report and this bundle has none\. .+ To fix: collect again without --no-system-report/,
    );
    expect(section).toMatch(/System report \(required, not in this bundle\)/);
    expect(section).toMatch(
      /Product logs from the time of the problem \(required, in this bundle\)/,
    );
  });

  it('makes the bundle an update of an existing case with --case and --ref', async () => {
    const f = await caseFile(minimalCase('question'));
    const r = await collect(['--case-file', f, '--case', '0012345', '--ref', 'REF-9']);
    expect(r.code).toBe(0);
    expect(path.basename(r.json.bundle)).toMatch(/^casepack-0012345-.+\.zip$/);
    expect(manifestOf(r.json.bundle).case).toEqual({
      mode: 'update',
      caseNumber: '0012345',
      referenceId: 'REF-9',
      type: 'question',
      severity: 'P4',
    });
    const kase = JSON.parse(text(r.json.bundle, 'case.json'));
    expect(kase).toMatchObject({ mode: 'update', caseNumber: '0012345', referenceId: 'REF-9' });
    expect(kase.summary).toBe('How do I rotate the audit log?');
    const html = text(r.json.bundle, 'report.html');
    expect(html).toContain(
      'Update of case <strong>0012345</strong>, reference <strong>REF-9</strong>',
    );
    expect(html).toContain('<title>casepack bundle: case 0012345,');
  });

  it('warns, and still writes the bundle, for each required field the case lacks', async () => {
    const c = without(
      without({ ...minimalCase('product-error'), severity: 'P1' }, 'actual'),
      'expected',
    );
    const f = await caseFile(c);
    const check = await runCli(['case', 'check', f], { env });
    expect(check.code).toBe(1);
    const lines = check.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['contact.phone', 'expected', 'actual']);

    const out = await outDir();
    const r = await runCli(
      [
        'collect',
        '--profile',
        profile,
        '--no-system-report',
        '--yes',
        '--out',
        out,
        '--case-file',
        f,
      ],
      { env },
    );
    expect(r.code).toBe(0);
    // The same words `case check` prints, one warning each: the key and why L1 needs it.
    for (const l of lines) expect(r.stderr).toContain(`casepack: warning: case: ${l}\n`);
    expect(r.stderr).toMatch(
      /3 required fields missing; the bundle is written, but a submission is refused/,
    );
    expect(r.stderr).not.toMatch(/recommended/i);
    const [zip] = (await readdir(out)).filter((x) => x.endsWith('.zip'));
    expect(zip).toBeDefined();
    const html = text(path.join(out, zip!), 'report.html');
    expect(html).toContain('Required fields missing or unusable');
    expect(html).toContain('<code>contact.phone</code>: missing. A P1 is worked around the clock');
  });

  it('with --case only, writes an update case.json and says what the case still needs', async () => {
    const r = await collect(['--case', '4711']);
    expect(r.code).toBe(0);
    expect(path.basename(r.json.bundle)).toMatch(/^casepack-4711-/);
    expect(JSON.parse(text(r.json.bundle, 'case.json'))).toEqual({
      mode: 'update',
      caseNumber: '4711',
    });
    expect(r.json.warnings).toContain(
      'case: contact.name: missing. L1 needs to know whom to talk to about this case.',
    );
  });

  it('stops on a broken case file before collecting anything, naming the field and line', async () => {
    const f = await caseFile('type: question\ncontact:\n  name: Dana\n  mail: dana@example.org\n');
    const out = await outDir();
    const r = await runCli(
      ['collect', '--profile', profile, '--yes', '--out', out, '--case-file', f],
      { env },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${path.basename(f)}:4`);
    expect(r.stderr).toContain('contact.mail');
    expect(await readdir(out)).toEqual([]);

    const missing = await runCli(
      [
        'collect',
        '--profile',
        profile,
        '--yes',
        '--out',
        out,
        '--case-file',
        path.join(dir, 'nope.yaml'),
      ],
      { env },
    );
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('nope.yaml: no such file');
    expect(await readdir(out)).toEqual([]);
    const check = await runCli(['case', 'check', path.join(dir, 'nope.yaml')], { env });
    expect(check.code).toBe(4);
  });

  it('keeps a 1 MB description whole in case.json and report.html', async () => {
    const line = 'Zeile mit Umlauten äöü und עברית, Schritt für Schritt.\n';
    const description = line.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(line)));
    const r = await collect([
      '--case-file',
      await caseFile({ ...minimalCase('question'), description }),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(text(r.json.bundle, 'case.json')).description).toBe(description);
    const html = text(r.json.bundle, 'report.html');
    expect(html).toContain(`<div class="case-text" dir="auto">${description}</div>`);
  });

  it('takes the files the case attaches: redacted text, screenshots as they are, missing ones named', async () => {
    const att = path.join(dir, 'attach');
    await mkdir(att);
    await writeFile(path.join(att, 'repro steps.txt'), 'run ./repro.sh\npassword=Att4ch-S3cret!\n');
    await writeFile(path.join(att, 'login.png'), makePng(4, 3));
    const c = {
      ...minimalCase('product-error'),
      attachments: [
        { path: 'repro steps.txt', description: 'how to reproduce', kind: 'test-case' },
        'login.png',
        { path: 'gone.zip', kind: 'export' },
      ],
    };
    // Relative paths are read from the case file's folder.
    const f = path.join(att, 'case.yaml');
    await writeFile(f, stringify(c));
    const r = await collect(['--case-file', f]);
    expect(r.code).toBe(0);
    const repro = text(r.json.bundle, 'attachments/repro steps.txt');
    expect(repro).toContain('run ./repro.sh');
    expect(repro).not.toContain('Att4ch-S3cret!');
    expect(entry(r.json.bundle, 'screenshots/login.png')).toEqual(
      await readFile(path.join(att, 'login.png')),
    );
    const items = manifestOf(r.json.bundle).items;
    expect(items.find((i) => i.source === path.join(att, 'repro steps.txt'))).toMatchObject({
      type: 'attachment',
      status: 'collected',
      path: 'attachments/repro steps.txt',
    });
    expect(items.find((i) => i.source === path.join(att, 'login.png'))).toMatchObject({
      type: 'screenshot',
      path: 'screenshots/login.png',
    });
    expect(items.find((i) => i.source === path.join(att, 'gone.zip'))).toMatchObject({
      type: 'attachment',
      status: 'failed',
      reason: 'the attached file does not exist',
    });
    const html = text(r.json.bundle, 'report.html');
    expect(html).toMatch(/A reproducible test case \(recommended, in this bundle\)/);
    expect(html).toMatch(/Screenshots \(recommended, in this bundle\)/);
  });

  it("refuses to attach casepack's own data or a credential file, also through a link", async () => {
    const data = path.join(dir, 'data');
    await mkdir(data, { recursive: true });
    const key = path.join(data, 'attached-by-mistake.key');
    await writeFile(key, 'SiteKeyMaterial-9f1c2e\n', { mode: 0o600 });
    const link = path.join(dir, 'innocent-export.txt');
    await symlink(key, link);
    const c = { ...minimalCase('question'), attachments: [key, link, '/etc/shadow'] };
    const r = await collect(['--case-file', await caseFile(c)]);
    expect(r.code).toBe(0);
    const items = manifestOf(r.json.bundle).items;
    for (const source of [key, link, '/etc/shadow'])
      expect(items.find((i) => i.source === source)).toMatchObject({
        status: 'skipped',
        reason: expect.stringMatching(/^forbidden by the rule/),
      });
    for (const name of entryNames(r.json.bundle))
      expect(entry(r.json.bundle, name).toString('latin1')).not.toContain('SiteKeyMaterial');
  });

  it('never pseudonymises the case: the vendor needs the real contact', async () => {
    await writeFile(
      path.join(dir, 'logs', 'mail.log'),
      `${new Date().toISOString()} sent to dana@example.org\n`,
    );
    const r = await collect([
      '--case-file',
      await caseFile(minimalCase('question')),
      '--pseudonymize',
      'emails',
    ]);
    expect(r.code).toBe(0);
    expect(r.json.releasable).toBe(true);
    const log = manifestOf(r.json.bundle).items.find((i) => i.source.endsWith('/mail.log'))!;
    expect(text(r.json.bundle, log.path!)).toMatch(/sent to \S+/);
    expect(text(r.json.bundle, log.path!)).not.toContain('dana@example.org');
    expect(JSON.parse(text(r.json.bundle, 'case.json')).contact.email).toBe('dana@example.org');
    expect(text(r.json.bundle, 'report.html')).toContain('mailto:dana@example.org');
  });

  it('keeps a secret typed into the case as written, and the leak check still finds it', async () => {
    const secret = 'password=Tr0ub4dor&3-case';
    const c = { ...minimalCase('question'), description: `we tried ${secret} on the console` };
    const r = await collect(['--case-file', await caseFile(c)]);
    // Refused by collect's leak check (exit 1), the bundle kept for review.
    expect(r.code).toBe(1);
    expect(JSON.parse(text(r.json.bundle, 'case.json')).description).toContain(secret);
    // collect's own leak check already says so: the bundle is not releasable as it is.
    expect(r.json.releasable).toBe(false);
    expect(r.json.leaks?.map((l) => l.entry)).toContain('case.json');
    const v = await runCli(['verify', r.json.bundle], { env });
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/case\.json:\d+: looks like a secret/);
    expect(v.stdout + v.stderr).not.toContain('Tr0ub4dor');
  });
});

describe('casepack collect --set FIELD=VALUE', () => {
  it('applies the fields over --case-file, and the rest of the file stays as written', async () => {
    const c = minimalCase('product-error');
    const r = await collect([
      '--case-file',
      await caseFile(c),
      '--set',
      'severity=P1',
      '--set',
      'summary=Login fails for every user',
      '--set',
      'contact.phone=+49 30 1234567',
    ]);
    expect(r.code).toBe(0);
    const kase = JSON.parse(text(r.json.bundle, 'case.json'));
    expect(kase.severity).toBe('P1');
    expect(kase.summary).toBe('Login fails for every user');
    expect(kase.contact).toEqual({ ...c.contact, phone: '+49 30 1234567' });
    expect(kase.description).toBe(c.description);
    expect(manifestOf(r.json.bundle).case?.severity).toBe('P1');
  });

  it('makes a case on its own, without a case file', async () => {
    const r = await collect(['--set', 'type=question', '--set', 'summary=How do I rotate logs?']);
    expect(r.code).toBe(0);
    const kase = JSON.parse(text(r.json.bundle, 'case.json'));
    expect(kase).toMatchObject({ type: 'question', summary: 'How do I rotate logs?' });
  });

  it('refuses an unknown field or a wrong value by its name, and writes no bundle', async () => {
    for (const [set, named] of [
      ['nosuch=1', /nosuch: unknown case field/],
      ['severity=P9', /--set severity: /],
      ['contact.nosuch=x', /contact\.nosuch: unknown case field/],
    ] as const) {
      const r = await collect(['--set', set]);
      const error = (r.json as unknown as { error: { message: string } }).error;
      expect(r.code).toBe(2);
      expect(error.message).toMatch(named);
      expect(r.stderr).toMatch(named);
      expect(await readdir(r.out)).toEqual([]);
    }
  });
});
