// Which timestamp format a log uses, decided once per file from a sample of its lines. Per-file
// detection (rather than per line) keeps a date inside a stack trace or a message from being taken
// for the start of a new entry.
import { TIMESTAMP_FORMATS, type TimestampContext, type TimestampFormat } from './formats.js';

export interface Detection {
  format: TimestampFormat;
  /** Sample lines whose head this format parsed. */
  matched: number;
  /** Non-empty sample lines. */
  lines: number;
}

/** Lines of a sample are only looked at up to this many characters. */
export const HEAD_CHARS = 200;

/**
 * The format that recognises most lines of the sample (ties go to the earlier, more specific
 * format), or undefined when none does. In a sample of 20 lines or more one lucky match is not
 * enough: a real log has at least two entries there.
 */
export function detectFormat(
  sample: readonly string[],
  ctx: TimestampContext,
): Detection | undefined {
  let lines = 0;
  const counts = new Array<number>(TIMESTAMP_FORMATS.length).fill(0);
  for (const raw of sample) {
    if (raw.trim() === '') continue;
    lines++;
    const head = raw.length > HEAD_CHARS ? raw.slice(0, HEAD_CHARS) : raw;
    TIMESTAMP_FORMATS.forEach((f, i) => {
      if (f.parse(head, ctx) !== undefined) counts[i]!++;
    });
  }
  let best = -1;
  counts.forEach((c, i) => {
    if (c > 0 && (best < 0 || c > counts[best]!)) best = i;
  });
  if (best < 0) return undefined;
  const matched = counts[best]!;
  if (lines >= 20 && matched < 2) return undefined;
  return { format: TIMESTAMP_FORMATS[best]!, matched, lines };
}
