// Splitting a text into plain runs, redaction markers and search hits, for rendering.
import type { Mark } from '../../../core/common/api/review.js';

export interface Segment {
  text: string;
  mark?: Mark;
  hit?: number;
}

export function segments(text: string, marks: Mark[], query?: string): Segment[] {
  const spans: Array<{ start: number; end: number; mark?: Mark; hit?: number }> = marks.map(
    (m) => ({
      start: m.start,
      end: m.end,
      mark: m,
    }),
  );
  if (query) {
    const hay = text.toLowerCase();
    const needle = query.toLowerCase();
    let n = 0;
    for (
      let i = hay.indexOf(needle);
      i !== -1 && n < 2000;
      i = hay.indexOf(needle, i + needle.length)
    )
      if (!spans.some((s) => i < s.end && i + needle.length > s.start))
        spans.push({ start: i, end: i + needle.length, hit: n++ });
  }
  spans.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start) });
    out.push({
      text: text.slice(s.start, s.end),
      ...(s.mark ? { mark: s.mark } : {}),
      ...(s.hit !== undefined ? { hit: s.hit } : {}),
    });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
