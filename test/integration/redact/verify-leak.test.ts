// `casepack verify` runs the leak check: a bundle whose entry still holds a secret fails, naming
// the entry, the line and the rule but never the value.
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { MANIFEST_FORMAT_VERSION, type Manifest } from '../../../core/common/manifest/schema.js';
import { openBundle } from '../../../core/node/bundle/bundle-writer.js';
import { runCli, runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

async function makeBundle(text: string): Promise<string> {
  const dir = await tempDir();
  const w = await openBundle({ dir, name: 'casepack-NEW-host-20250101T000000Z.zip' });
  const e = await w.addEntry('config/app.properties', Readable.from([Buffer.from(text)]));
  const manifest: Manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    tool: { name: 'casepack', version: 'test' },
    createdAt: new Date().toISOString(),
    host: { name: 'host' },
    profiles: [],
    window: { since: '2025-01-01T00:00:00Z', until: '2025-01-02T00:00:00Z', timezone: 'UTC' },
    items: [
      {
        id: 'app',
        type: 'file',
        source: '/etc/app/app.properties',
        path: e.name,
        size: e.size,
        sha256: e.sha256,
        status: 'collected',
      },
    ],
  };
  return (await w.finish({ manifest, caseJson: { summary: 'test' }, reportHtml: '<p>x</p>' })).path;
}

it('fails a bundle that still holds a secret, by entry, line and rule', async () => {
  const file = await makeBundle('# app\nserver.port=8080\ndb.password=Leaky-Secret-77\n');
  const r = await runCliJson<{
    ok: boolean;
    problems: Array<{ entry?: string; code: string; message: string }>;
  }>(['verify', file]);
  expect(r.code).toBe(1);
  expect(r.json.ok).toBe(false);
  const leak = r.json.problems.find((p) => p.code === 'leak');
  expect(leak?.entry).toBe('config/app.properties');
  expect(leak?.message).toMatch(/config\/app\.properties:3: .*rule password/);
  expect(r.stdout + r.stderr).not.toContain('Leaky-Secret-77');
});

it('passes the same bundle once the value is redacted', async () => {
  const file = await makeBundle('# app\nserver.port=8080\ndb.password=[REDACTED:password]\n');
  const r = await runCli(['verify', file]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
});
