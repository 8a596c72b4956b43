// The fail-closed leak check: a secret that slips through a deliberately disabled rule is found in
// the written bundle (by its pattern, and by the hash of the same value removed elsewhere in the
// run), reported by entry, line and rule, never by value.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../core/node/bundle/bundle-writer.js';
import { scanBundleForLeaks, describeLeak } from '../../../core/node/redact/leak-check.js';
import { RemovedValues } from '../../../core/node/redact/removed-values.js';
import { createRedactionSession } from '../../../core/node/redact/session.js';
import { baseManifest } from '../../support/bundle-builder.js';
import { tempDir } from '../../support/tmp.js';
import { MANIFEST_FORMAT_VERSION, type Manifest } from '../../../core/common/manifest/schema.js';

const SECRET = 'Walnut4204forest_';

async function bundle(disable: string[]): Promise<{ file: string; removed: RemovedValues }> {
  const dir = await tempDir();
  const removed = new RemovedValues();
  const session = createRedactionSession({ removed, disable });
  const w = await openBundle({ dir, name: 'casepack-NEW-test-20250101T000000Z.zip' });
  const add = async (name: string, text: string) => {
    await w.addEntry(
      name,
      Readable.from([Buffer.from(text)]).pipe(session.stream({ id: name, source: name })),
    );
  };
  await add('config/app.properties', `# app\ndb.user=app\ndb.password=${SECRET}\n`);
  await add(
    'logs/app.log',
    `2025-01-01 10:00:00 INFO start\n2025-01-01 10:00:01 INFO connecting to postgres://app:${SECRET}@db.example.org/app\n`,
  );
  const manifest: Manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    tool: { name: 'casepack', version: 'test' },
    createdAt: new Date().toISOString(),
    host: { name: 'test' },
    profiles: [],
    window: { since: '', until: '', timezone: 'UTC' },
    items: [],
  };
  const r = await w.finish({ manifest, caseJson: { summary: 'x' }, reportHtml: '<p>x</p>' });
  return { file: r.path, removed };
}

describe('leak check', () => {
  it('refuses a bundle where a secret slipped through a disabled rule', async () => {
    const { file, removed } = await bundle(['url-password', 'jdbc-password']);
    const findings = await scanBundleForLeaks(file, { removed });
    const inLog = findings.filter((f) => f.entry === 'logs/app.log');
    expect(inLog.map((f) => f.line)).toContain(2);
    expect(inLog.map((f) => f.rule)).toEqual(expect.arrayContaining(['removed-value']));
    expect(inLog.some((f) => /password/.test(f.rule))).toBe(true);
    for (const f of findings) expect(describeLeak(f)).not.toContain(SECRET);
    expect(findings.filter((f) => f.entry === 'config/app.properties')).toEqual([]);
  });

  it('finds nothing in a bundle redacted with every rule on', async () => {
    const { file, removed } = await bundle([]);
    expect(removed.size).toBe(1);
    expect(await scanBundleForLeaks(file, { removed })).toEqual([]);
  });
});

describe("leak check of casepack's own files and nsswitch.conf", () => {
  async function oneEntryBundle(
    entries: Record<string, string>,
    manifestExtra: object = {},
    reportHtml = '<p>x</p>',
  ) {
    const dir = await tempDir();
    const w = await openBundle({ dir, name: 'casepack-NEW-test-20250101T000000Z.zip' });
    for (const [name, text] of Object.entries(entries))
      await w.addEntry(name, Readable.from([Buffer.from(text)]));
    const manifest = { ...baseManifest(), ...manifestExtra } as Manifest;
    return (await w.finish({ manifest, caseJson: {}, reportHtml })).path;
  }

  it('does not take the redaction counts in manifest.json for secrets', async () => {
    const file = await oneEntryBundle(
      {},
      { redaction: { counts: { password: 1, 'jdbc-password': 2, secret: 3, token: 4 } } },
    );
    expect(await scanBundleForLeaks(file)).toEqual([]);
  });

  it('still finds a secret elsewhere in manifest.json (a command line)', async () => {
    const file = await oneEntryBundle(
      {},
      {
        items: [
          {
            id: 'cmd',
            type: 'command',
            source: 'mysqladmin --password=Walnut4204forest_ status',
            status: 'failed',
          },
        ],
      },
    );
    const findings = await scanBundleForLeaks(file);
    expect(findings.map((f) => f.entry)).toContain('manifest.json');
  });

  it("leaves nsswitch.conf's database lines alone, but not a password in the same syntax", async () => {
    const nss = 'passwd:         files systemd\nshadow:         files systemd\n';
    const clean = await oneEntryBundle({ 'files/etc/nsswitch.conf': nss });
    expect(await scanBundleForLeaks(clean)).toEqual([]);
    const dirty = await oneEntryBundle({
      'files/etc/nsswitch.conf': `${nss}passwd:   Files2024!x\n`,
    });
    expect(await scanBundleForLeaks(dirty)).toEqual([
      { entry: 'files/etc/nsswitch.conf', line: 3, rule: 'password' },
    ]);
  });

  it('reads report.html as the text it shows: escaped markers pass, an escaped secret does not', async () => {
    const shown = (v: string) =>
      `<pre class="diff"><span class="add">+  &lt;password&gt;${v}&lt;/password&gt;</span>\n` +
      `<span class="del">-db.password=&quot;${v}&quot;</span></pre>\n`;
    const clean = await oneEntryBundle({}, {}, shown('[REDACTED:password]'));
    expect(await scanBundleForLeaks(clean)).toEqual([]);
    const dirty = await oneEntryBundle({}, {}, shown('Walnut4204forest_'));
    const found = await scanBundleForLeaks(dirty);
    expect(found.filter((f) => f.entry === 'report.html').map((f) => f.line)).toEqual([1, 2]);
  });
});
