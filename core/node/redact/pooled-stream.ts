// A collection's RedactingStream: small items are redacted on the main thread (a worker round trip
// costs more than it saves), larger ones in a redaction worker (worker-pool.ts). Both run the same
// StreamRedactor, so the bytes are the same. At most MAX_IN_FLIGHT chunks of a stream are in a
// worker at once: the source is paused beyond that (backpressure), and output keeps its order.
import { Transform, type TransformCallback } from 'node:stream';
import type { StreamRedactor } from './stream-redactor.js';
import type { ItemRedactionResult, RedactingStream } from './types.js';
import type { PoolStream, RedactPool } from './worker-pool.js';

/** Bytes below which an item is redacted in-thread. */
export const IN_THREAD_BELOW = 64 * 1024;
/** Chunks (256 KiB from the file reader) of one stream in a worker at once. */
const MAX_IN_FLIGHT = 3;

export class PooledRedactTransform extends Transform implements RedactingStream {
  private held: Buffer[] = [];
  private heldLen = 0;
  private remote: PoolStream | undefined;
  private local: StreamRedactor | undefined;
  private releaseLane: (() => void) | undefined;
  private inFlight = 0;
  private waiting: TransformCallback | undefined;
  private flushed: TransformCallback | undefined;
  private done: ItemRedactionResult | undefined;

  constructor(
    private readonly pool: RedactPool,
    private readonly fileName: string,
    private readonly inThread: () => StreamRedactor,
    private readonly onDone: (r: ItemRedactionResult) => void,
  ) {
    super();
  }

  result(): ItemRedactionResult {
    return this.done ?? { counts: {} };
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      if (this.local) {
        for (const p of this.local.write(chunk)) this.push(p);
        return cb();
      }
      if (!this.remote) {
        this.held.push(chunk);
        this.heldLen += chunk.length;
        if (this.heldLen < IN_THREAD_BELOW) return cb();
        const lane = this.pool.open(this.fileName, {
          out: (buf) => this.onOut(buf),
          done: (r) => this.finish(r),
          fail: (e) => this.fail(e),
        });
        const held = this.held;
        this.held = [];
        if ('local' in lane) {
          // This thread's lane (or workers cannot start here): the same redaction, in-thread.
          this.releaseLane = lane.local;
          this.local = this.inThread();
          for (const c of held) for (const p of this.local.write(c)) this.push(p);
          return cb();
        }
        this.remote = lane.remote;
        for (const c of held) this.send(c);
      } else this.send(chunk);
      if (this.inFlight < MAX_IN_FLIGHT) cb();
      else this.waiting = cb;
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      if (this.remote) {
        this.flushed = cb;
        this.inFlight++; // the reply to end() carries the last output
        this.remote.end();
        return;
      }
      this.local ??= this.inThread();
      for (const c of this.held) for (const p of this.local.write(c)) this.push(p);
      this.held = [];
      for (const p of this.local.end()) this.push(p);
      this.releaseLane?.();
      this.finish(this.local.result());
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    this.remote?.drop();
    this.releaseLane?.();
    cb(err);
  }

  /** A copy in a buffer of its own, transferred to the worker. */
  private send(chunk: Buffer): void {
    const copy = new Uint8Array(chunk.length);
    copy.set(chunk);
    this.inFlight++;
    this.remote!.send(copy.buffer);
  }

  private onOut(buf: Buffer | null): void {
    if (buf && buf.length > 0) this.push(buf);
    this.inFlight--;
    if (this.waiting && this.inFlight < MAX_IN_FLIGHT) {
      const cb = this.waiting;
      this.waiting = undefined;
      cb();
    }
  }

  private finish(r: ItemRedactionResult): void {
    this.done = r;
    this.onDone(r);
    const cb = this.flushed;
    this.flushed = undefined;
    cb?.();
  }

  private fail(e: Error): void {
    const cb = this.waiting ?? this.flushed;
    this.waiting = this.flushed = undefined;
    if (cb) cb(e);
    else this.destroy(e);
  }
}
