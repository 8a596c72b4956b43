// The contract between the runner and the redactor: every byte a collector produces passes through
// one Transform from a RedactionSession before it reaches the bundle (docs/technical/redaction.md).
import type { Transform } from 'node:stream';

export interface ItemRedactionResult {
  /** Replacements per rule id, for this item. Never the values. */
  counts: Record<string, number>;
  /** Set when the content was not redacted, and why (e.g. "binary"). */
  skipped?: string;
}

export interface RedactingStream extends Transform {
  /** Valid once the stream has ended. */
  result(): ItemRedactionResult;
}

export interface RedactionSession {
  /** A fresh Transform for one item's bytes. */
  stream(item: { id: string; source: string; kind?: string }): RedactingStream;
  /** Redact a whole small text (case fields are never passed here; system report JSON is). */
  redactText(
    text: string,
    item: { id: string; source: string },
  ): { text: string; counts: Record<string, number> };
  /** Counts per rule over the whole run. */
  totals(): Record<string, number>;
}
