// Shared types of the pure redaction rules. A rule looks at one line (or one segment of a very
// long line) and reports spans; the line redactor merges them and writes markers or pseudonyms.
import type { KeyClass } from './key-names.js';

export interface Span {
  start: number;
  end: number;
  rule: string;
  /** A pseudonym to write instead of the marker (identifying values, not secrets). */
  replacement?: string;
}

export interface SpanSink {
  /** A secret value at [start, end): it becomes `[REDACTED:rule]`. */
  secret(start: number, end: number, rule: string): void;
  /** An identifying value at [start, end) replaced by `replacement` (pseudonymisation). */
  pseudonym(start: number, end: number, rule: string, replacement: string): void;
}

/** Multi-line state carried from one line to the next (PEM bodies, k8s data blocks, ...). */
export interface BlockState {
  pem?: { kind: 'pem' | 'putty'; linesLeft?: number };
  k8s?: { indent: number; stringData: boolean; childIndent?: number };
  /** A secret key name was seen; its value comes on one of the next lines (`- name: X_PASSWORD`). */
  pendingValue?: { rule: string; linesLeft: number; indent: number };
  /** A YAML block scalar (`password: |`): lines indented deeper than `indent` are the secret. */
  blockScalar?: { rule: string; indent: number };
}

export interface LineContext {
  /** False for the second and later segments of a line longer than the segment limit. */
  atLineStart: boolean;
  /** Lower-case base name of the file being redacted, if known (`.pgpass`, `realm.properties`). */
  fileName?: string;
  classifyKey(key: string): KeyClass | undefined;
  state: BlockState;
}

export interface Rule {
  id: string;
  /**
   * Literal strings (matched case-insensitively) at least one of which occurs in any line this
   * rule can act on. The prefilter only hands a rule the lines containing one of them.
   */
  triggers: readonly string[];
  /** Only trigger occurrences followed by a byte of these classes count (prefilter.ts classMask). */
  triggerNext?: number;
  /** With triggerNext: lower-case letters allowed after a trigger (others must start a camelCase word). */
  triggerNextLower?: string;
  /** Rules with `always` see every line (file-kind rules on small files; custom rules without triggers). */
  always?: boolean;
  /**
   * A cheap test on the raw bytes at a trigger occurrence bytes[pos, pos+len) (the line ends at or
   * before `end`). Must hold wherever the rule can match: it only saves work, never decides.
   */
  check?(bytes: Uint8Array, pos: number, len: number, end: number): boolean;
  apply(line: string, out: SpanSink, ctx: LineContext): void;
}
