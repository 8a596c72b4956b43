// Redacts a chunk of bytes: prefilter over the raw bytes, then the line redactor on candidate
// lines only. Untouched stretches are returned as views of the input (no copy, no decoding), so
// text without secrets costs one table lookup per byte. Text is handled as latin1 (one char per
// byte), which keeps invalid UTF-8 and any other byte exactly as it was.
import { LineRedactor, type LineRedactorOptions } from './line-redactor.js';
import { Prefilter } from './prefilter.js';
import type { Rule, Span } from './types.js';

export interface ByteCodec {
  /** latin1: one char per byte. */
  decode(bytes: Uint8Array, start: number, end: number): string;
  encode(text: string): Uint8Array;
}

/** Finds lines for rules that have no literal trigger (IP addresses, e-mail addresses). */
export interface TextFinder {
  rule: number;
  /** Offsets (in `text`) of candidate matches. */
  find(text: string, emit: (offset: number) => void): void;
}

export interface CompiledPack {
  rules: readonly Rule[];
  prefilter: Prefilter;
  /** Rules that see every line. */
  always: readonly number[];
  finders: readonly TextFinder[];
}

export function compilePack(
  rules: readonly Rule[],
  finders: readonly TextFinder[] = [],
): CompiledPack {
  const prefilter = new Prefilter(
    rules.map((r) =>
      r.always
        ? { triggers: [] }
        : { triggers: r.triggers, next: r.triggerNext, nextLower: r.triggerNextLower },
    ),
  );
  const always = rules.flatMap((r, i) => (r.always ? [i] : []));
  return { rules, prefilter, always, finders };
}

export interface SegmentOptions {
  /** bytes[contextStart, start) is read-only context from the previous segment of the same line. */
  contextStart: number;
  /** The text at contextStart begins a line. */
  atLineStart: boolean;
  /** The segment does not end its line (more of it follows). */
  endsMidLine: boolean;
  /** A secret reached the end of the previous segment: redact up to the next delimiter. */
  carryRule?: string;
}

export interface ChunkResult {
  pieces: Uint8Array[];
  /** Set when a secret span reached the end of a mid-line segment. */
  carryRule?: string;
  changed: boolean;
}

export class ChunkRedactor {
  readonly lines: LineRedactor;
  private readonly always: readonly number[];
  /** With `trackLines`: the 1-based number of the line being redacted (for leak findings). */
  lineNo = 0;
  private counted = 0;
  trackLines = false;

  /** `fileRule`: a rule for this file only (file-kind rules), applied to every line. */
  constructor(
    private readonly pack: CompiledPack,
    private readonly codec: ByteCodec,
    opts: LineRedactorOptions,
    fileRule?: Rule,
  ) {
    const rules = fileRule ? [...pack.rules, fileRule] : pack.rules;
    this.always = fileRule ? [...pack.always, pack.rules.length] : pack.always;
    this.lines = new LineRedactor(rules, opts);
  }

  get counts(): Record<string, number> {
    return this.lines.counts;
  }

  /** Redact bytes[start, end), which holds complete lines (the last may lack its newline at EOF). */
  process(bytes: Uint8Array, start: number, end: number): ChunkResult {
    this.counted = start;
    const candidates = this.candidates(bytes, start, end);
    const pieces: Uint8Array[] = [];
    let raw = start; // output is raw from here
    let changed = false;
    let ci = 0;
    let pos = start;
    while (pos < end) {
      let ls: number;
      let mask: number[] | undefined;
      if (this.lines.blockOpen) {
        ls = pos;
        mask = candidates.map.get(ls);
      } else {
        while (ci < candidates.starts.length && candidates.starts[ci]! < pos) ci++;
        if (ci >= candidates.starts.length) break;
        ls = candidates.starts[ci]!;
        mask = candidates.map.get(ls);
      }
      let le = bytes.indexOf(10, ls);
      if (le === -1 || le > end) le = end;
      if (this.trackLines) this.countTo(bytes, ls);
      const text = this.codec.decode(bytes, ls, le);
      const r = this.lines.redact(text, mask ?? [], true);
      if (r.changed) {
        if (ls > raw) pieces.push(bytes.subarray(raw, ls));
        pieces.push(this.codec.encode(r.text));
        raw = le;
        changed = true;
      }
      pos = le + 1;
    }
    if (raw < end) pieces.push(bytes.subarray(raw, end));
    if (this.trackLines) {
      this.countTo(bytes, end);
      this.counted = 0;
    }
    return { pieces, changed };
  }

  /** Advance lineNo over the newlines in bytes[counted, pos) (pos is a line start). */
  private countTo(bytes: Uint8Array, pos: number): void {
    if (this.lineNo === 0) this.lineNo = 1;
    for (let i = bytes.indexOf(10, this.counted); i !== -1 && i < pos; i = bytes.indexOf(10, i + 1))
      this.lineNo++;
    this.counted = pos;
  }

  /** One piece of a line too long to hold whole (see SegmentOptions). */
  processSegment(bytes: Uint8Array, start: number, end: number, seg: SegmentOptions): ChunkResult {
    const rules = new Set<number>(this.always);
    const all = this.lines.rules;
    this.pack.prefilter.scan(bytes, seg.contextStart, end, (pos, len, rs) => {
      for (const r of rs)
        if (!rules.has(r) && (all[r]!.check?.(bytes, pos, len, end) ?? true)) rules.add(r);
    });
    const hasFinders = this.pack.finders.length > 0;
    if (rules.size === 0 && !this.lines.blockOpen && !seg.carryRule && !hasFinders) {
      if (this.trackLines && !seg.endsMidLine) this.lineNo = Math.max(this.lineNo, 1) + 1;
      return { pieces: [bytes.subarray(start, end)], changed: false };
    }
    const text = this.codec.decode(bytes, seg.contextStart, end);
    for (const f of this.pack.finders) f.find(text, () => rules.add(f.rule));
    const clip = start - seg.contextStart;
    const extra: Span[] = [];
    if (seg.carryRule) {
      const m = /[ \t"'<>,;&]/.exec(text.slice(clip));
      extra.push({ start: clip, end: m ? clip + m.index : text.length, rule: seg.carryRule });
    }
    if (this.trackLines && this.lineNo === 0) this.lineNo = 1;
    const r = this.lines.redact(text, rules, seg.atLineStart, clip, extra);
    if (this.trackLines && !seg.endsMidLine) this.lineNo++;
    if (!r.changed) return { pieces: [bytes.subarray(start, end)], changed: false };
    const tail = seg.endsMidLine
      ? r.spans.find((s) => s.replacement === undefined && s.end >= text.length)
      : undefined;
    return { pieces: [this.codec.encode(r.text)], changed: true, carryRule: tail?.rule };
  }

  private candidates(
    bytes: Uint8Array,
    start: number,
    end: number,
  ): { starts: number[]; map: Map<number, number[]> } {
    const map = new Map<number, number[]>();
    const starts: number[] = [];
    let curStart = -1;
    let curEnd = -1;
    let cur: number[] | undefined;
    const all = this.lines.rules;
    const add = (pos: number, rules: readonly number[], len = 0): void => {
      if (pos < curStart || pos >= curEnd) {
        curStart = pos === start ? start : Math.max(start, bytes.lastIndexOf(10, pos - 1) + 1);
        const e = bytes.indexOf(10, pos);
        curEnd = e === -1 || e > end ? end : e + 1;
        cur = map.get(curStart);
      }
      for (const r of rules) {
        if (cur?.includes(r)) continue;
        if (len > 0 && !(all[r]!.check?.(bytes, pos, len, end) ?? true)) continue;
        if (!cur) {
          cur = [];
          map.set(curStart, cur);
          starts.push(curStart);
        }
        cur.push(r);
      }
    };
    this.pack.prefilter.scan(bytes, start, end, (pos, len, rules) => add(pos, rules, len));
    // this.always, not pack.always: it holds the file-kind rule (.pgpass, .htpasswd) too
    if (this.always.length > 0) {
      for (let p = start; p < end;) {
        add(p, this.always);
        const e = bytes.indexOf(10, p);
        p = e === -1 || e >= end ? end : e + 1;
      }
    }
    if (this.pack.finders.length > 0) {
      const text = this.codec.decode(bytes, start, end);
      for (const f of this.pack.finders) f.find(text, (off) => add(start + off, [f.rule]));
    }
    if (this.always.length > 0 || this.pack.finders.length > 0) starts.sort((a, b) => a - b);
    return { starts, map };
  }
}
