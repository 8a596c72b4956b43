// Composes the rules into one function over a line (Signal Desktop's `redactAll` habit): block
// states first, then the rules the prefilter selected, then overlapping spans are merged and the
// line is rewritten with markers (secrets) or pseudonyms (identifying values).
import { marker } from './marker.js';
import { continueBlockScalar, continueK8s, continuePem } from './rules/blocks.js';
import { continuePendingValue } from './rules/name-value.js';
import type { KeyClass } from './key-names.js';
import type { BlockState, LineContext, Rule, Span, SpanSink } from './types.js';

export interface LineRedactorOptions {
  classifyKey(key: string): KeyClass | undefined;
  fileName?: string;
  /** Called with every removed secret value (the caller keeps only a hash of it). */
  onRemoved?(value: string, rule: string): void;
  /** Marker names whose spans are dropped (rules switched off for this run). */
  disabled?: ReadonlySet<string>;
}

export interface LineResult {
  text: string;
  changed: boolean;
  spans: Span[];
}

export class LineRedactor {
  readonly state: BlockState = {};
  readonly counts: Record<string, number> = {};

  constructor(
    readonly rules: readonly Rule[],
    private readonly opts: LineRedactorOptions,
  ) {}

  /** A multi-line block is open: the next line must be seen whatever the prefilter says. */
  get blockOpen(): boolean {
    const s = this.state;
    return !!(s.pem || s.k8s || s.pendingValue || s.blockScalar);
  }

  /**
   * Redact one line (without its newline). `ruleIndexes` selects rules (all when undefined).
   * `clipBefore` marks a read-only context prefix: spans are cut to start at it and the returned
   * text starts there.
   */
  redact(
    line: string,
    ruleIndexes?: Iterable<number>,
    atLineStart = true,
    clipBefore = 0,
    extraSpans: readonly Span[] = [],
  ): LineResult {
    const spans: Span[] = [...extraSpans];
    const sink: SpanSink = {
      secret: (start, end, rule) => {
        if (end > start) spans.push({ start, end, rule });
      },
      pseudonym: (start, end, rule, replacement) => {
        if (end > start) spans.push({ start, end, rule, replacement });
      },
    };
    const ctx: LineContext = {
      atLineStart,
      fileName: this.opts.fileName,
      classifyKey: this.opts.classifyKey,
      state: this.state,
    };
    let ordinary = true;
    const s = this.state;
    if (s.pem) ordinary = !continuePem(line, sink, ctx);
    if (ordinary && s.blockScalar) ordinary = !continueBlockScalar(line, sink, ctx);
    if (ordinary && s.k8s) continueK8s(line, sink, ctx);
    const pendingBefore = s.pendingValue;
    if (ordinary && pendingBefore) continuePendingValue(line, sink, ctx);
    if (ordinary) {
      if (ruleIndexes === undefined) for (const r of this.rules) r.apply(line, sink, ctx);
      else for (const i of ruleIndexes) this.rules[i]!.apply(line, sink, ctx);
    }
    if (this.opts.disabled?.size) {
      const d = this.opts.disabled;
      for (let k = spans.length - 1; k >= 0; k--) if (d.has(spans[k]!.rule)) spans.splice(k, 1);
    }
    if (spans.length === 0)
      return { text: clipBefore ? line.slice(clipBefore) : line, changed: false, spans };
    return this.rewrite(line, spans, clipBefore);
  }

  private rewrite(line: string, raw: Span[], clipBefore: number): LineResult {
    const merged = mergeSpans(raw, clipBefore);
    let out = '';
    let pos = clipBefore;
    for (const sp of merged) {
      out += line.slice(pos, sp.start);
      if (sp.replacement !== undefined) out += sp.replacement;
      else {
        out += marker(sp.rule);
        this.opts.onRemoved?.(line.slice(sp.start, sp.end), sp.rule);
      }
      this.counts[sp.rule] = (this.counts[sp.rule] ?? 0) + 1;
      pos = sp.end;
    }
    out += line.slice(pos);
    return { text: out, changed: merged.length > 0, spans: merged };
  }
}

/** Secrets win over pseudonyms; overlapping secrets are united under the first one's rule. */
export function mergeSpans(raw: Span[], clipBefore = 0): Span[] {
  const spans = raw
    .map((s) => (s.start < clipBefore ? { ...s, start: clipBefore } : s))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const secrets: Span[] = [];
  for (const s of spans) {
    if (s.replacement !== undefined) continue;
    const last = secrets.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else secrets.push({ ...s });
  }
  const result: Span[] = [...secrets];
  let lastEnd = -1;
  for (const s of spans) {
    if (s.replacement === undefined) continue;
    if (s.start < lastEnd) continue;
    if (secrets.some((x) => x.start < s.end && s.start < x.end)) continue;
    result.push(s);
    lastEnd = s.end;
  }
  return result.sort((a, b) => a.start - b.start);
}
