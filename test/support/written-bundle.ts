// A bundle written by casepack's own bundle writer and report renderer (as `collect` writes one),
// with a plugged-in system report section, for tests that rebuild or verify bundles.
import path from 'node:path';
import {
  MANIFEST_FORMAT_VERSION,
  type Manifest,
  type ManifestItem,
} from '../../core/common/manifest/schema.js';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import { renderReport } from '../../core/node/bundle/report/render.js';

export const WRITTEN_ENTRIES: Record<string, string> = {
  'logs/app.log':
    'line one\npassword=[REDACTED:properties-password]\nsecret-marker-in-removed-file\n',
  'logs/other.log': 'kept log\n',
  'system/os.json': '{"os":"Debian GNU/Linux 12"}\n',
};

export const SYSTEM_FRAGMENT =
  '<h2>System report</h2>\n<section id="sys-os"><h3>Operating system</h3><p>Debian GNU/Linux 12</p></section>';

export async function writeWrittenBundle(dir: string): Promise<string> {
  const w = await openBundle({ dir, name: 'casepack-NEW-testhost-20261127T100500Z.zip' });
  const items: ManifestItem[] = [];
  for (const [name, text] of Object.entries(WRITTEN_ENTRIES)) {
    const r = await w.addBuffer(name, text);
    items.push({
      id: name,
      type: name.startsWith('system/') ? 'system' : 'file',
      kind: name.startsWith('logs/') ? 'log' : 'other',
      source: name.startsWith('system/') ? 'os' : `/var/log/${path.basename(name)}`,
      path: name,
      size: r.size,
      sha256: r.sha256,
      status: 'collected',
      redaction: { counts: name === 'logs/app.log' ? { 'properties-password': 1 } : {} },
    });
  }
  const manifest: Manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    tool: { name: 'casepack', version: '0.1.0' },
    createdAt: '2026-11-27T10:05:00Z',
    host: { name: 'testhost' },
    profiles: [{ name: 'fixture' }],
    window: { since: '2026-11-24T10:05:00Z', until: '2026-11-27T10:05:00Z', timezone: 'UTC' },
    items,
    summary: { collected: 3, truncated: 0, skipped: 0, failed: 0, bytes: 0, durationMs: 5 },
    redaction: { counts: { 'properties-password': 1 } },
  };
  const caseJson = { summary: 'Login fails' };
  const reportHtml = renderReport({ manifest, caseJson, systemReportHtml: SYSTEM_FRAGMENT });
  const done = await w.finish({ manifest, caseJson, reportHtml });
  return done.path;
}
