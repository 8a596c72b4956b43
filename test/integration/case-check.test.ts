import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_TYPES } from '../../core/common/case/schema.js';
import { minimalCase, REQUIRED, REQUIRED_ALWAYS, without } from '../support/case-fixtures.js';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

let dir: string;
let n = 0;
const env = () => ({ XDG_CONFIG_HOME: path.join(dir, 'xdg'), CASEPACK_CONFIG: '' });

async function caseFile(content: unknown, ext = 'yaml'): Promise<string> {
  const f = path.join(dir, `case-${++n}.${ext}`);
  await writeFile(
    f,
    typeof content === 'string'
      ? content
      : ext === 'json'
        ? JSON.stringify(content)
        : stringify(content),
  );
  return f;
}

beforeAll(async () => {
  dir = await tempDir();
});

describe('casepack case check', () => {
  for (const type of CASE_TYPES) {
    it(`passes a minimal ${type} case and names each missing required field`, async () => {
      const ok = await runCli(['case', 'check', await caseFile(minimalCase(type))], { env: env() });
      expect(ok.stdout).toBe('');
      expect(ok.stderr).toMatch(/complete for/);
      expect(ok.code).toBe(0);
      for (const key of [...REQUIRED_ALWAYS, ...REQUIRED[type]]) {
        const f = await caseFile(without(minimalCase(type), key));
        const r = await runCli(['case', 'check', f], { env: env() });
        expect(r.code, `${type} without ${key}`).toBe(1);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^${key.replace('.', '\\.')}: missing\\. .{20,}`));
      }
    });
  }

  it('prints one line per missing field and nothing about what the type does not need', async () => {
    const f = await caseFile({ type: 'question', summary: 'How do I rotate logs?' });
    const r = await runCli(['case', 'check', f], { env: env() });
    expect(r.code).toBe(1);
    const keys = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(':')[0]);
    expect(keys).toEqual([
      'contact.name',
      'contact.email',
      'product.name',
      'product.version',
      'severity',
      'description',
    ]);
    const all = r.stdout + r.stderr;
    for (const notNeeded of [
      'stepsToReproduce',
      'expected',
      'actual',
      'startedAt',
      'phone',
      'platform',
    ])
      expect(all).not.toContain(notNeeded);
  });

  it('reads JSON case files and gives one JSON object with --json', async () => {
    const f = await caseFile(without(minimalCase('performance'), 'startedAt'), 'json');
    const r = await runCliJson<{ complete: boolean; missing: Array<{ key: string; why: string }> }>(
      ['case', 'check', f],
      { env: env() },
    );
    expect(r.code).toBe(1);
    expect(r.json.complete).toBe(false);
    expect(r.json.missing.map((m) => m.key)).toEqual(['startedAt']);
    expect(r.json.missing[0]!.why).toMatch(/resource figures/);
  });

  it('names the field and the line of an unknown field or a wrong type', async () => {
    const unknown = await caseFile(
      'type: question\nseverity: P4\ncontact:\n  name: Dana\n  mail: dana@example.org\n',
    );
    const r1 = await runCli(['case', 'check', unknown], { env: env() });
    expect(r1.code).toBe(4);
    expect(r1.stderr).toContain(`${unknown}:5: contact.mail: unknown key "mail"`);

    const wrong = await caseFile('type: question\nseverity: P7\nsummary:\n  - a list\n');
    const r2 = await runCli(['case', 'check', wrong], { env: env() });
    expect(r2.code).toBe(4);
    expect(r2.stderr).toMatch(new RegExp(`${wrong}:2: severity: .*"P1"`));
    expect(r2.stderr).toContain(`${wrong}:4: summary:`);

    const json = await caseFile('{\n  "type": "question",\n  "severety": "P4"\n}\n', 'json');
    const r3 = await runCli(['case', 'check', json], { env: env() });
    expect(r3.code).toBe(4);
    expect(r3.stderr).toContain(`${json}:3: severety: unknown key "severety"`);
  });

  it('keeps versions and case numbers exactly as written', async () => {
    const f = await caseFile(
      'mode: update\ncaseNumber: 0012345\nproduct:\n  name: IGL\n  version: 5.10\n',
    );
    const r = await runCliJson<{ case: { caseNumber: string; product: { version: string } } }>(
      ['case', 'show', f],
      { env: env() },
    );
    expect(r.json.case.caseNumber).toBe('0012345');
    expect(r.json.case.product.version).toBe('5.10');
  });

  it("applies a target's case-number format and reference-ID rule", async () => {
    const settings = path.join(dir, 'settings.yaml');
    await writeFile(
      settings,
      [
        'targets:',
        '  vendor-rt:',
        '    type: folder',
        `    path: ${path.join(dir, 'export')}`,
        "    caseNumberPattern: '\\d{5,8}'",
        '    caseNumberHint: 5 to 8 digits',
        '    requireReferenceId: true',
        '',
      ].join('\n'),
    );
    const f = await caseFile(minimalCase('question'));
    const cfg = ['--config', settings];
    const bad = await runCli([
      ...cfg,
      'case',
      'check',
      f,
      '--case',
      'X-12',
      '--target',
      'vendor-rt',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^caseNumber: "X-12" is not in the format the target "vendor-rt" expects \(5 to 8 digits\)\. /,
      ),
      expect.stringMatching(
        /^referenceId: missing\. vendor-rt adds an update to a case only when its reference ID matches\./,
      ),
    ]);
    const good = await runCli([
      ...cfg,
      'case',
      'check',
      f,
      '--case',
      '123456',
      '--ref',
      'REF-9',
      '--target',
      'vendor-rt',
    ]);
    expect(good.code).toBe(0);
    // The same case number without the target is fine: formats are permissive by default.
    expect((await runCli([...cfg, 'case', 'check', f, '--case', 'X-12'])).code).toBe(0);
    const unknownTarget = await runCli([...cfg, 'case', 'check', f, '--target', 'nope']);
    expect(unknownTarget.code).toBe(2);
    expect(unknownTarget.stderr).toContain('no target "nope"');
    // A broken pattern is the settings file's mistake, named with its line.
    await writeFile(
      settings,
      `targets:\n  usb:\n    type: folder\n    path: /tmp\n    caseNumberPattern: '(12'\n`,
    );
    const broken = await runCli([...cfg, 'case', 'check', f, '--target', 'usb']);
    expect(broken.code).toBe(4);
    expect(broken.stderr).toContain(
      `${settings}:5: targets.usb.caseNumberPattern: not a valid regular expression`,
    );
  });

  it('keeps non-ASCII and right-to-left text and a 1 MB description intact', async () => {
    const description = `${'שלום עולם — Grüße, 你好 <b>&amp;</b>\n'.repeat(26_000)}end`;
    expect(Buffer.byteLength(description)).toBeGreaterThan(1_000_000);
    const c = {
      ...minimalCase('product-error'),
      contact: { name: 'Zoë Ångström-שלום', email: 'zoe@example.org' },
      description,
    };
    const f = await caseFile(c);
    expect((await runCli(['case', 'check', f], { env: env() })).code).toBe(0);
    const shown = await runCliJson<{ case: { description: string; contact: { name: string } } }>(
      ['case', 'show', f],
      { env: env() },
    );
    expect(shown.json.case.description).toBe(description);
    expect(shown.json.case.contact.name).toBe('Zoë Ångström-שלום');
  });

  for (const type of CASE_TYPES)
    it(`prints a ${type} template that lists exactly the required fields`, async () => {
      const t = await runCli(['case', 'template', '--type', type], { env: env() });
      expect(t.code).toBe(0);
      const f = await caseFile(t.stdout);
      const r = await runCli(['case', 'check', f], { env: env() });
      const keys = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(':')[0]);
      expect(keys.sort()).toEqual(
        [...REQUIRED_ALWAYS, ...REQUIRED[type]].filter((k) => k !== 'type').sort(),
      );
      expect(await readFile(f, 'utf8')).toContain(`type: ${type}`);
    });
});
