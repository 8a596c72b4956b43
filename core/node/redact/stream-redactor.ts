// The state machine behind RedactTransform, without a stream around it: splits bytes into lines
// without decoding them, hands complete lines to the ChunkRedactor, and never holds more than
// MAX_LINE bytes of one line (see "Long lines" in docs/technical/redaction.md). Binary content
// passes through untouched and is recorded as such. The same class runs on the main thread
// (redacting-stream.ts) and in the redaction workers (redact-worker.ts), so both give the same
// bytes.
import { ChunkRedactor, type ByteCodec, type CompiledPack } from '../../common/redact/engine.js';
import type { LineRedactorOptions } from '../../common/redact/line-redactor.js';
import type { Rule } from '../../common/redact/types.js';
import type { ItemRedactionResult } from './types.js';

/** Longest part of one line held in memory; longer lines are redacted in segments. */
export const MAX_LINE = 1 << 20;
/** Read-only context each segment sees from the previous one. */
export const SEGMENT_CONTEXT = 4096;
export const SNIFF = 8192;

export const latin1Codec: ByteCodec = {
  decode: (bytes, start, end) => (bytes as Buffer).toString('latin1', start, end),
  encode: (text) => Buffer.from(text, 'latin1'),
};

/** NULs or control bytes in the first 8 KiB mean binary; NUL-separated text (environ) is text. */
export function looksBinary(sample: Buffer): boolean {
  if (sample.length === 0) return false;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) nul++;
    else if ((b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) || b === 127)
      control++;
  }
  if (control > sample.length * 0.02) return true;
  return nul > 0 && nul > sample.length * 0.1;
}

export interface StreamOptions extends LineRedactorOptions {
  fileRule?: Rule;
  /** Leak-check mode: called for every secret found, with its 1-based line number. */
  onFinding?(rule: string, line: number): void;
}

/** Redacts one item's bytes: write() and end() return the output pieces, in order. */
export class StreamRedactor {
  private readonly engine: ChunkRedactor;
  private mode: 'sniff' | 'text' | 'binary' = 'sniff';
  private sniffed: Buffer[] = [];
  private sniffedLen = 0;
  private carry: Buffer[] = [];
  private carryLen = 0;
  private inLongLine = false;
  private context: Buffer = Buffer.alloc(0);
  private carryRule: string | undefined;
  private out: Uint8Array[] = [];

  constructor(pack: CompiledPack, opts: StreamOptions) {
    const onFinding = opts.onFinding;
    const lineOpts: LineRedactorOptions = onFinding
      ? { ...opts, onRemoved: (_v, rule) => onFinding(rule, this.engine.lineNo || 1) }
      : opts;
    this.engine = new ChunkRedactor(pack, latin1Codec, lineOpts, opts.fileRule);
    this.engine.trackLines = onFinding !== undefined;
  }

  result(): ItemRedactionResult {
    return this.mode === 'binary'
      ? { counts: {}, skipped: 'binary' }
      : { counts: { ...this.engine.counts } };
  }

  write(chunk: Buffer): Uint8Array[] {
    if (this.mode === 'sniff') {
      this.sniffed.push(chunk);
      this.sniffedLen += chunk.length;
      if (this.sniffedLen >= SNIFF) this.decide();
    } else if (this.mode === 'binary') this.push(chunk);
    else this.text(chunk);
    return this.take();
  }

  end(): Uint8Array[] {
    if (this.mode === 'sniff') this.decide();
    if (this.mode === 'text') this.finishLine();
    return this.take();
  }

  private take(): Uint8Array[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private push(p: Uint8Array): void {
    if (p.length > 0) this.out.push(p);
  }

  private decide(): void {
    const all = Buffer.concat(this.sniffed, this.sniffedLen);
    this.sniffed = [];
    this.mode = looksBinary(all.subarray(0, SNIFF)) ? 'binary' : 'text';
    if (this.mode === 'binary') this.push(all);
    else this.text(all);
  }

  private text(chunk: Buffer): void {
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl === -1) {
      this.carry.push(chunk);
      this.carryLen += chunk.length;
      while (this.carryLen > MAX_LINE) this.segment();
      return;
    }
    const head = chunk.subarray(0, lastNl + 1);
    let data = head;
    if (this.carryLen > 0) data = Buffer.concat([...this.carry, head], this.carryLen + head.length);
    this.carry = lastNl + 1 < chunk.length ? [chunk.subarray(lastNl + 1)] : [];
    this.carryLen = chunk.length - lastNl - 1;
    let from = 0;
    if (this.inLongLine) {
      // The first line of `data` ends a long line already partly written: its last segment.
      const nl = data.indexOf(10);
      this.finalSegment(data.subarray(0, nl));
      this.push(data.subarray(nl, nl + 1));
      from = nl + 1;
    }
    if (from < data.length) this.pushPieces(this.engine.process(data, from, data.length).pieces);
    if (this.carryLen > MAX_LINE) while (this.carryLen > MAX_LINE) this.segment();
  }

  /** Cut the held part of an over-long line at a delimiter near MAX_LINE and redact it. */
  private segment(): void {
    const buf = Buffer.concat(this.carry, this.carryLen);
    let cut = MAX_LINE;
    for (let i = MAX_LINE - 1; i > MAX_LINE - SEGMENT_CONTEXT; i--) {
      const b = buf[i]!;
      if (
        b === 32 ||
        b === 9 ||
        b === 44 ||
        b === 59 ||
        b === 38 ||
        b === 34 ||
        b === 39 ||
        b === 0
      ) {
        cut = i + 1;
        break;
      }
    }
    const seg = buf.subarray(0, cut);
    const withCtx = Buffer.concat([this.context, seg]);
    const r = this.engine.processSegment(withCtx, this.context.length, withCtx.length, {
      contextStart: 0,
      atLineStart: !this.inLongLine,
      endsMidLine: true,
      carryRule: this.carryRule,
    });
    this.pushPieces(r.pieces);
    this.carryRule = r.carryRule;
    this.context = Buffer.from(seg.subarray(Math.max(0, seg.length - SEGMENT_CONTEXT)));
    this.inLongLine = true;
    const rest = Buffer.from(buf.subarray(cut));
    this.carry = rest.length > 0 ? [rest] : [];
    this.carryLen = rest.length;
  }

  private finalSegment(seg: Buffer): void {
    const withCtx = Buffer.concat([this.context, seg]);
    const r = this.engine.processSegment(withCtx, this.context.length, withCtx.length, {
      contextStart: 0,
      atLineStart: false,
      endsMidLine: false,
      carryRule: this.carryRule,
    });
    this.pushPieces(r.pieces);
    this.inLongLine = false;
    this.carryRule = undefined;
    this.context = Buffer.alloc(0);
  }

  private finishLine(): void {
    if (this.carryLen === 0 && !this.inLongLine) return;
    const data = Buffer.concat(this.carry, this.carryLen);
    this.carry = [];
    this.carryLen = 0;
    if (this.inLongLine) this.finalSegment(data);
    else if (data.length > 0) this.pushPieces(this.engine.process(data, 0, data.length).pieces);
  }

  private pushPieces(pieces: Uint8Array[]): void {
    for (const p of pieces) this.push(p);
  }
}
