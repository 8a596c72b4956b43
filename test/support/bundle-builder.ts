// Real bundles for verify/inspect tests, written by the real bundle writer with a manifest that
// lists every entry as collected (as `casepack collect` would).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import { MANIFEST_FORMAT_VERSION, type Manifest } from '../../core/common/manifest/schema.js';

const run = promisify(execFile);

export function baseManifest(): Manifest {
  return {
    formatVersion: MANIFEST_FORMAT_VERSION,
    tool: { name: 'casepack', version: '0.1.0' },
    createdAt: '2026-11-27T10:00:00.000Z',
    host: { name: 'app-01', platform: 'linux' },
    profiles: [{ name: 'linux-host' }],
    window: { since: '2026-11-24T10:00:00Z', until: '2026-11-27T10:00:00Z', timezone: 'UTC' },
    items: [],
  };
}

/** Write `entries` (stored when `store` lists them) into a finished bundle; returns its path. */
export async function buildBundle(
  dir: string,
  entries: Record<string, string | Buffer>,
  opts: { store?: string[]; manifest?: Manifest; name?: string } = {},
): Promise<string> {
  const bundle = await openBundle({
    dir,
    name: opts.name ?? 'casepack-NEW-app-01-20261127T100000Z.zip',
  });
  const manifest = opts.manifest ?? baseManifest();
  for (const [name, data] of Object.entries(entries)) {
    const r = await bundle.addBuffer(name, data, opts.store?.includes(name) ? { store: true } : {});
    manifest.items.push({
      id: `file:${name}`,
      type: 'file',
      kind: name.startsWith('logs/') ? 'log' : 'config',
      source: `/${name}`,
      path: r.name,
      size: r.size,
      sha256: r.sha256,
      status: 'collected',
    });
  }
  return (
    await bundle.finish({ manifest, caseJson: { summary: 'test' }, reportHtml: '<!doctype html>' })
  ).path;
}

/** Run a small Python program against a zip (Python's zipfile: a second, independent writer). */
export async function python(code: string, ...args: string[]): Promise<string> {
  return (await run('python3', ['-c', code, ...args])).stdout;
}

/** Replace (or add) one entry's content with Python's zipfile, keeping every other entry as is. */
export async function rewriteEntry(
  zip: string,
  name: string,
  content: string | null,
): Promise<void> {
  await python(
    `
import sys, zipfile, shutil
src, name, action = sys.argv[1], sys.argv[2], sys.argv[3]
tmp = src + '.tmp'
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        if info.filename != name:
            zout.writestr(info, zin.read(info))
    if action == 'put':
        zout.writestr(name, sys.argv[4])
shutil.move(tmp, src)
`,
    zip,
    name,
    ...(content === null ? ['delete'] : ['put', content]),
  );
}
