// `casepack inspect`: what a bundle holds, item by item, read from its manifest (nothing is
// extracted or recomputed: `verify` does that).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BundleInspection, InspectItem } from '../../common/api/bundle.js';
import { CasepackError, errorMessage } from '../../common/errors.js';
import { manifestSchema, type ManifestItem } from '../../common/manifest/schema.js';
import { openZip, readJsonEntry } from '../review/zip-reader.js';
import { META_NAMES } from './bundle-writer.js';
import { describeWindow, redactionTotal } from './describe.js';

export async function inspectBundle(file: string): Promise<BundleInspection> {
  const bundle = path.resolve(file);
  let size: number;
  try {
    size = (await stat(bundle)).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CasepackError(
      code === 'ENOENT' ? 'not-found' : 'io',
      `${bundle}: ${code === 'ENOENT' ? 'no such file' : errorMessage(e)}`,
      bundle,
    );
  }
  const zip = await openZip(bundle);
  let json: unknown;
  try {
    json = await readJsonEntry(zip, META_NAMES.manifest);
  } finally {
    zip.close();
  }
  if (json === undefined)
    throw new CasepackError(
      'verify',
      `${bundle} has no manifest.json: it is not a casepack bundle`,
      bundle,
    );
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new CasepackError(
      'verify',
      `manifest.json in ${bundle} is not a casepack manifest (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}); run casepack verify`,
      bundle,
    );
  const m = parsed.data;
  // Counts are of what was collected; the meta entries (case.json, report.html) are not items of it.
  const data = m.items.filter((i) => i.type !== 'meta');
  const counts = { collected: 0, truncated: 0, skipped: 0, failed: 0 };
  for (const i of data) counts[i.status]++;
  const items = m.items.map(inspectItem);
  const withRedaction = m.items.filter((i) => i.redaction);
  const redactionCounts = m.redaction?.counts;
  const leaks = (m.redaction?.leaks ?? [])
    .filter((l) => zip.byName.has(l.entry))
    .map((l) => ({ entry: l.entry, line: l.line, rule: l.rule }));
  return {
    bundle,
    size,
    entries: zip.entries.length,
    formatVersion: m.formatVersion,
    tool: `${m.tool.name} ${m.tool.version}`,
    createdAt: m.createdAt,
    host: m.host.name,
    ...(m.host.platform ? { platform: m.host.platform } : {}),
    ...(m.host.pseudonymized ? { hostPseudonymized: true } : {}),
    profiles: m.profiles.map((p) => ({ name: p.name, ...(p.source ? { source: p.source } : {}) })),
    window: { since: m.window.since, until: m.window.until, timezone: m.window.timezone },
    ...(m.case ? { case: { ...m.case } } : {}),
    counts,
    bytes: data.reduce((n, i) => n + (i.size ?? 0), 0),
    items,
    ...(redactionCounts || withRedaction.length
      ? {
          redaction: {
            counts: redactionCounts ?? {},
            total: Object.values(redactionCounts ?? {}).reduce((a, b) => a + b, 0),
            notRedacted: withRedaction
              .filter((i) => i.redaction?.skipped)
              .map((i) => ({
                source: i.source,
                ...(i.path ? { path: i.path } : {}),
                why: i.redaction!.skipped!,
              })),
            ...(m.redaction?.pseudonymized?.length
              ? { pseudonymized: m.redaction.pseudonymized }
              : {}),
          },
        }
      : {}),
    ...(leaks.length ? { leaks } : {}),
  };
}

function inspectItem(i: ManifestItem): InspectItem {
  const redactions = redactionTotal(i);
  return {
    id: i.id,
    type: i.type,
    ...(i.kind ? { kind: i.kind } : {}),
    status: i.status,
    source: i.source,
    ...(i.path ? { path: i.path } : {}),
    ...(i.size !== undefined ? { size: i.size } : {}),
    ...(i.reason ? { reason: i.reason } : {}),
    ...(i.window ? { window: describeWindow(i.window) } : {}),
    ...(redactions ? { redactions } : {}),
  };
}
