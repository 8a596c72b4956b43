// Unified diffs (the `diff` package) of configuration text, in the form `patch` and every reviewer
// know: `--- a/path`, `+++ b/path`, three lines of context.
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';

/** Beyond this many edits a diff is no help to a reader (and costly): report "changed" instead. */
const MAX_EDITS = 20_000;

export interface UnifiedDiff {
  text: string;
  added: number;
  removed: number;
}

/** The diff, or undefined when the texts differ too much to show one. `/dev/null` for a side that does not exist. */
export function unifiedDiff(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
  oldHeader?: string,
  newHeader?: string,
): UnifiedDiff | undefined {
  const p = structuredPatch(oldName, newName, oldText, newText, oldHeader, newHeader, {
    context: 3,
    maxEditLength: MAX_EDITS,
  });
  if (!p) return undefined;
  let added = 0;
  let removed = 0;
  for (const h of p.hunks)
    for (const l of h.lines) {
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  return { text: p.hunks.length ? formatPatch(p, FILE_HEADERS_ONLY) : '', added, removed };
}
