// Where the redactor left its traces in a text: `[REDACTED:<rule>]` markers (docs/redaction.md).
// Pure, so the review screen and the service find them the same way.
import type { Mark } from '../api/review.js';

const MARKER = /\[REDACTED:([A-Za-z0-9._-]{1,80})\]/g;

export function findMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  for (const m of text.matchAll(MARKER))
    marks.push({ start: m.index, end: m.index + m[0].length, rule: m[1]!, kind: 'redacted' });
  return marks;
}

/** Counts per rule of the markers in a text. */
export function countMarks(marks: Mark[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of marks) out[m.rule] = (out[m.rule] ?? 0) + 1;
  return out;
}
