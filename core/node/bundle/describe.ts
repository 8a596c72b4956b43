// Plain-text descriptions of manifest facts, shared by report.html and `casepack inspect`.
import type { ManifestItem } from '../../common/manifest/schema.js';

/** What the time window did to a log: "120000 lines kept, 3400 dropped (log4j)" or why not. */
export function describeWindow(w: NonNullable<ManifestItem['window']>): string {
  if (!w.applied) return w.note ? `not applied: ${w.note}` : 'not applied';
  const lines =
    w.linesKept !== undefined
      ? `${w.linesKept} lines kept, ${w.linesDropped ?? 0} dropped`
      : 'applied';
  return `${lines}${w.format ? ` (${w.format})` : ''}${w.note ? `; ${w.note}` : ''}`;
}

/** Replacements in one item, over all rules. */
export function redactionTotal(i: ManifestItem): number {
  return i.redaction ? Object.values(i.redaction.counts).reduce((a, b) => a + b, 0) : 0;
}
