// The review screen's view of a bundle: every entry with its size and what the manifest says
// about it (status, reason, redaction counts), plus the items that wrote nothing.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BundleTree, TreeEntry } from '../../common/api/review.js';
import { manifestSchema, type Manifest, type ManifestItem } from '../../common/manifest/schema.js';
import { CasepackError } from '../../common/errors.js';
import { openZip, readJsonEntry, type OpenZip } from './zip-reader.js';

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;
const DIFF = /\.(diff|patch)$/i;
const PACKED = /\.(gz|tgz|zip|jar|war|ear|xz|bz2|zst|7z|class|so|bin|jfr|hprof)$/i;

export function entryView(name: string, item?: ManifestItem): TreeEntry['view'] {
  if (IMAGE.test(name)) return 'image';
  if (DIFF.test(name)) return 'diff';
  if (PACKED.test(name) || item?.redaction?.skipped === 'binary') return 'binary';
  return 'text';
}

export async function readManifest(zip: OpenZip, bundle: string): Promise<Manifest> {
  const raw = await readJsonEntry(zip, 'manifest.json');
  if (raw === undefined)
    throw new CasepackError('verify', `${bundle} has no manifest.json: not a casepack bundle`);
  const m = manifestSchema.safeParse(raw);
  if (!m.success)
    throw new CasepackError('verify', `${bundle}: manifest.json does not have the expected shape`);
  return m.data;
}

export async function bundleTree(bundle: string): Promise<BundleTree> {
  const zip = await openZip(bundle);
  try {
    const manifest = await readManifest(zip, bundle);
    const byPath = new Map<string, ManifestItem>();
    for (const it of manifest.items) if (it.path) byPath.set(it.path, it);
    const entries: TreeEntry[] = zip.entries
      .filter((e) => !e.fileName.endsWith('/'))
      .map((e) => {
        const item = byPath.get(e.fileName);
        return {
          path: e.fileName,
          size: e.uncompressedSize,
          compressedSize: e.compressedSize,
          view: entryView(e.fileName, item),
          redactions: item?.redaction?.counts ?? {},
          ...(item
            ? {
                itemId: item.id,
                type: item.type,
                status: item.status,
                source: item.source,
                ...(item.reason ? { reason: item.reason } : {}),
              }
            : {}),
        };
      });
    const totals: Record<string, number> = { ...(manifest.redaction?.counts ?? {}) };
    if (!manifest.redaction)
      for (const e of entries)
        for (const [rule, n] of Object.entries(e.redactions))
          totals[rule] = (totals[rule] ?? 0) + n;
    return {
      bundle,
      size: (await stat(bundle)).size,
      entries,
      missing: manifest.items.filter((i) => !i.path),
      redactionTotals: totals,
      host: manifest.host.name,
      createdAt: manifest.createdAt,
      ...(manifest.case?.caseNumber ? { caseNumber: manifest.case.caseNumber } : {}),
    };
  } finally {
    zip.close();
  }
}

export const bundleName = (p: string): string => path.basename(p);
