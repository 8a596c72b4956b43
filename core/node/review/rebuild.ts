// Removing entries from a bundle before it is sent: the kept entries are streamed into a new
// bundle (each checked against its manifest sha256 on the way, so a bundle changed after it was
// written is refused), the manifest lists the removed items as skipped with the reason, report.html
// is rendered again from the new manifest, and the new file replaces the old one atomically.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { RebuildResult } from '../../common/api/review.js';
import { CasepackError } from '../../common/errors.js';
import type { Manifest, ManifestItem } from '../../common/manifest/schema.js';
import { META_NAMES, openBundle } from '../bundle/bundle-writer.js';
import { renderReport } from '../bundle/report/render.js';
import { REPORT_ORDER, type ReportSection } from '../bundle/report/section.js';
import { readManifest } from './bundle-tree.js';
import { reportCss, topLevelSections } from './report-sections.js';
import { openZip, readJsonEntry, readSlice } from './zip-reader.js';

export const REMOVED_REASON = 'removed by the user in review, before sending';
const BUILTIN = new Set(
  Object.keys(REPORT_ORDER).filter((id) => id !== 'system' && id !== 'changes'),
);
const META = new Set(Object.values(META_NAMES));

function recount(manifest: Manifest, removed: Set<string>): Manifest {
  // The writer adds the meta items (case.json, report.html) again when it finishes.
  const data = manifest.items.filter((i) => i.type !== 'meta');
  const items: ManifestItem[] = data.map((i) => {
    if (!i.path || !removed.has(i.path)) return i;
    const { path: _p, size: _s, compressedSize: _c, sha256: _h, redaction: _r, ...rest } = i;
    return { ...rest, status: 'skipped', reason: REMOVED_REASON };
  });
  const count = (s: ManifestItem['status']) => items.filter((i) => i.status === s).length;
  const out: Manifest = { ...manifest, items };
  if (manifest.summary)
    out.summary = {
      ...manifest.summary,
      collected: count('collected'),
      truncated: count('truncated'),
      skipped: count('skipped'),
      failed: count('failed'),
      bytes: items.reduce((n, i) => n + (i.size ?? 0), 0),
    };
  if (manifest.redaction) {
    const counts: Record<string, number> = {};
    for (const i of items)
      for (const [rule, n] of Object.entries(i.redaction?.counts ?? {}))
        counts[rule] = (counts[rule] ?? 0) + n;
    out.redaction = { ...manifest.redaction, counts };
  }
  return out;
}

/**
 * Sections other areas plugged into the old report, kept in their order between the built-ins.
 * A section about a folder the user removed something from (system/, changes/) is not kept: it
 * could show what was removed; its data stays in the remaining entries.
 */
function keptSections(oldReport: string, removed: string[]): ReportSection[] {
  const parts = topLevelSections(oldReport);
  const touched = new Set(removed.map((p) => p.split('/')[0]!));
  const out: ReportSection[] = [];
  let prev = -1;
  for (const [n, p] of parts.entries()) {
    const known = (REPORT_ORDER as Record<string, number>)[p.id];
    if (BUILTIN.has(p.id)) {
      prev = known!;
      continue;
    }
    const order = known ?? prev + 1 + n / 1000;
    prev = order;
    if (touched.has(p.id)) {
      out.push({
        id: p.id,
        title: p.title || p.id,
        order,
        html: () =>
          `<p>This part of the report was left out because files were removed from <code>${p.id}/</code> before sending; the remaining files are listed below.</p>`,
      });
      continue;
    }
    out.push({ id: p.id, title: p.title, order, html: () => p.html });
  }
  const css = reportCss(oldReport);
  if (out[0] && css) out[0] = { ...out[0], css };
  return out;
}

export async function removeEntries(bundle: string, paths: string[]): Promise<RebuildResult> {
  const removed = new Set(paths);
  const zip = await openZip(bundle);
  let writer: Awaited<ReturnType<typeof openBundle>> | undefined;
  try {
    for (const p of removed) {
      if (META.has(p))
        throw new CasepackError('usage', `${p} describes the bundle and cannot be removed`);
      if (!zip.byName.has(p)) throw new CasepackError('not-found', `the bundle has no entry ${p}`);
    }
    const manifest = await readManifest(zip, bundle);
    const caseJson = (await readJsonEntry(zip, META_NAMES.case)) ?? {};
    const reportEntry = zip.byName.get(META_NAMES.report);
    const oldReport = reportEntry
      ? (await readSlice(zip, reportEntry, 0, 64 * 1024 * 1024)).toString('utf8')
      : '';
    const expected = new Map(manifest.items.filter((i) => i.path).map((i) => [i.path!, i.sha256]));

    writer = await openBundle({ dir: path.dirname(bundle), name: path.basename(bundle) });
    for (const e of zip.entries) {
      if (META.has(e.fileName) || removed.has(e.fileName) || e.fileName.endsWith('/')) continue;
      const r = await writer.addEntry(e.fileName, await zip.stream(e), {
        mtime: e.getLastModDate(),
      });
      const want = expected.get(e.fileName);
      if (want && want !== r.sha256)
        throw new CasepackError(
          'verify',
          `${e.fileName} does not match its manifest (sha256): the bundle was changed after it was written; collect it again`,
          e.fileName,
        );
    }
    const next = recount(manifest, removed);
    const reportHtml = renderReport({
      manifest: next,
      caseJson,
      sections: keptSections(oldReport, [...removed]),
    });
    zip.close();
    const done = await writer.finish({ manifest: next, caseJson, reportHtml });
    writer = undefined;
    // The rebuilt bundle takes the original's name; the old file is replaced in one step.
    await rename(done.path, bundle);
    return { bundle, removed: [...removed], size: done.size };
  } catch (e) {
    zip.close();
    await writer?.abort().catch(() => undefined);
    throw e;
  }
}
