// A small bundle in the documented format (docs/bundle-format.md), written as a real zip file, for
// review tests that must not depend on what the host happens to have in its logs.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { MANIFEST_FORMAT_VERSION } from '../../core/common/manifest/schema.js';
import { makePng } from './png.js';

export const FIXTURE_ENTRIES = {
  'logs/app.log':
    '2026-11-27 10:00:00,123 INFO  started for ACME Corp\n' +
    '2026-11-27 10:00:01,000 ERROR db login failed url=jdbc:oracle:thin:scott/[REDACTED:jdbc-password]@db1\n' +
    '2026-11-27 10:00:02,000 WARN  token [REDACTED:bearer-token] rejected; acme corp support notified\n' +
    '2026-11-27 10:00:03,000 INFO  caf\u00e9 \u00fcber \u05e9\u05dc\u05d5\u05dd\n',
  'config/app.properties':
    'db.user=scott\ndb.password=[REDACTED:properties-password]\nsite=Acme Corp\n',
  'changes/config/app.properties.diff':
    '--- baseline/config/app.properties\n+++ now/config/app.properties\n@@ -1,2 +1,2 @@\n-db.user=tiger\n+db.user=scott\n db.password=[REDACTED:properties-password]\n',
  'commands/uname.txt': 'Linux testhost 6.1.0 x86_64 GNU/Linux\n',
};

function sha(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

export async function writeFixtureBundle(file: string): Promise<void> {
  const zip = new JSZip();
  const png = makePng(64, 40);
  const items: Record<string, unknown>[] = [];
  const counts = (s: string) => {
    const c: Record<string, number> = {};
    for (const m of s.matchAll(/\[REDACTED:([a-z-]+)\]/g)) c[m[1]!] = (c[m[1]!] ?? 0) + 1;
    return c;
  };
  for (const [name, text] of Object.entries(FIXTURE_ENTRIES)) {
    zip.file(name, text);
    items.push({
      id: name,
      type: name.startsWith('commands/')
        ? 'command'
        : name.startsWith('changes/')
          ? 'change'
          : 'file',
      source: name.startsWith('commands/') ? 'uname' : `/opt/app/${name}`,
      path: name,
      size: Buffer.byteLength(text),
      sha256: sha(text),
      status: 'collected',
      redaction: { counts: counts(text) },
    });
  }
  zip.file('screenshots/error-dialog.png', png);
  items.push({
    id: 'shot',
    type: 'screenshot',
    source: 'error-dialog.png',
    path: 'screenshots/error-dialog.png',
    size: png.length,
    sha256: sha(png),
    status: 'collected',
  });
  items.push({
    id: 'missing-log',
    type: 'file',
    source: '/opt/app/logs/gc.log',
    status: 'failed',
    reason: 'permission denied',
  });
  // case.json is listed as a meta item, as the bundle writer lists it: verify (and so submit)
  // refuses any entry the manifest does not list.
  const caseText = JSON.stringify({
    summary: 'Login fails',
    contact: { organization: 'ACME Corp' },
  });
  zip.file('case.json', caseText);
  items.push({
    id: 'meta:case',
    type: 'meta',
    source: 'casepack',
    path: 'case.json',
    size: Buffer.byteLength(caseText),
    sha256: sha(caseText),
    status: 'collected',
  });
  const manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    tool: { name: 'casepack', version: '0.1.0' },
    createdAt: '2026-11-27T10:05:00Z',
    host: { name: 'testhost' },
    profiles: [{ name: 'fixture' }],
    window: { since: '2026-11-24T10:05:00Z', until: '2026-11-27T10:05:00Z', timezone: 'UTC' },
    items,
  };
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
