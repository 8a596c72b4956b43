// The streaming Transform on the main thread: a StreamRedactor (stream-redactor.ts) inside a
// Transform. Collections hand large items to the redaction workers instead (pooled-stream.ts).
import { Transform, type TransformCallback } from 'node:stream';
import type { CompiledPack } from '../../common/redact/engine.js';
import { StreamRedactor, type StreamOptions as RedactorOptions } from './stream-redactor.js';
import type { ItemRedactionResult, RedactingStream } from './types.js';

export {
  latin1Codec,
  looksBinary,
  MAX_LINE,
  SEGMENT_CONTEXT,
  StreamRedactor,
} from './stream-redactor.js';

export interface StreamOptions extends RedactorOptions {
  /** Called once when the stream ends, with its result. */
  onDone?(result: ItemRedactionResult): void;
}

export class RedactTransform extends Transform implements RedactingStream {
  private readonly redactor: StreamRedactor;
  private done: ItemRedactionResult | undefined;

  constructor(
    pack: CompiledPack,
    private readonly opts: StreamOptions,
  ) {
    super();
    this.redactor = new StreamRedactor(pack, opts);
  }

  result(): ItemRedactionResult {
    return this.done ?? this.redactor.result();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      for (const p of this.redactor.write(chunk)) this.push(p);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      for (const p of this.redactor.end()) this.push(p);
      this.done = this.redactor.result();
      this.opts.onDone?.(this.done);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}
