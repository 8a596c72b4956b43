// Shared limits of the zip writer's pipeline: how many bytes of blocks may be held between reading
// and writing (memory), and how many blocks are deflated at once (cores). Both serve the entry that
// is being written first ("the head"), then later entries in order, so that the next entries are
// compressed while the head's last blocks finish, without ever starving the head.
import zlib from 'node:zlib';

/**
 * zlib's output buffer: a 1 MiB block of logs usually deflates into one or two of these; a small
 * entry gets a small one (allocating 256 KiB for each 1 KiB config file costs more than deflating).
 */
const MAX_CHUNK = 256 * 1024;
/**
 * Smaller blocks (small files, mostly) are deflated at once on the main thread: a trip through the
 * thread pool costs more than deflating them, and far more on a busy machine.
 */
const SYNC_BELOW = 32 * 1024;

interface BudgetWaiter {
  seq: number;
  bytes: number;
  grant: () => void;
}

interface DeflateJob {
  seq: number;
  index: number;
  run: () => void;
}

export class BlockScheduler {
  private used = 0;
  private head = 0;
  private readonly waiters: BudgetWaiter[] = [];
  private running = 0;
  private readonly jobs: DeflateJob[] = [];
  /** Full-size block buffers free for reuse, and every one this scheduler made (see `block`). */
  private readonly free: Buffer[] = [];
  private readonly made = new WeakSet<Buffer>();
  /** Blocks deflated, and the most deflated at the same time (both cores busy: 2 or more). */
  readonly stats = { blocks: 0, maxConcurrent: 0 };

  /**
   * @param maxBytes bytes of blocks held at once (at least two blocks)
   * @param blockSize the largest block
   * @param concurrency blocks deflated at once
   */
  constructor(
    private readonly maxBytes: number,
    private readonly blockSize: number,
    private readonly concurrency: number,
  ) {}

  /** The entry being written now: it may use the whole budget; later entries leave it one block. */
  setHead(seq: number): void {
    this.head = seq;
    this.pump();
  }

  acquire(seq: number, bytes: number): Promise<void> {
    return new Promise((grant) => {
      this.waiters.push({ seq, bytes, grant });
      this.waiters.sort((a, b) => a.seq - b.seq);
      this.pump();
    });
  }

  release(bytes: number): void {
    this.used -= bytes;
    this.pump();
  }

  get bytesHeld(): number {
    return this.used;
  }

  /**
   * A buffer of exactly one block for the reader to fill. Full blocks are reused rather than
   * allocated per block: V8 frees a dead buffer only at its next full GC, so a new 1 MiB buffer per
   * MiB of input was dead memory waiting there (peak RSS of collect).
   */
  block(): Buffer {
    const b = this.free.pop();
    if (b) return b;
    const fresh = Buffer.allocUnsafeSlow(this.blockSize);
    this.made.add(fresh);
    return fresh;
  }

  /**
   * Give a block back once nothing reads it any more (written, and its deflate settled). Only
   * buffers from `block()` are kept, and no more than the budget holds plus one per reader.
   */
  recycle(b: Buffer): void {
    if (!this.made.has(b) || this.free.length >= this.maxBytes / this.blockSize + 4) return;
    this.free.push(b);
  }

  /** Deflate one block (raw); blocks of earlier entries, then earlier blocks, go first. */
  deflate(
    seq: number,
    index: number,
    data: Buffer,
    dictionary: Buffer | undefined,
    last: boolean,
    level: number,
  ): Promise<Buffer> {
    const options: zlib.ZlibOptions = {
      level,
      // No final bit and a byte-aligned end, so the next block's stream can follow directly.
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      chunkSize: Math.min(MAX_CHUNK, Math.max(1024, data.length + 1024)),
    };
    if (dictionary) options.dictionary = dictionary;
    if (data.length < SYNC_BELOW) {
      this.stats.blocks++;
      try {
        return Promise.resolve(zlib.deflateRawSync(data, options));
      } catch (e) {
        return Promise.reject(e as Error);
      }
    }
    return new Promise((resolve, reject) => {
      const run = () => {
        zlib.deflateRaw(data, options, (err, out) => {
          this.running--;
          this.next();
          if (err) reject(err);
          else resolve(out);
        });
      };
      this.jobs.push({ seq, index, run });
      this.jobs.sort((a, b) => a.seq - b.seq || a.index - b.index);
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.concurrency && this.jobs.length > 0) {
      this.running++;
      this.stats.blocks++;
      this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.running);
      this.jobs.shift()!.run();
    }
  }

  private pump(): void {
    for (let i = 0; i < this.waiters.length;) {
      const w = this.waiters[i]!;
      // The head may fill the budget (or exceed it alone); a later entry leaves room for one block,
      // so the head can always make progress and the pipeline never deadlocks.
      const limit = w.seq <= this.head ? this.maxBytes : this.maxBytes - this.blockSize;
      if (this.used + w.bytes <= limit || (w.seq <= this.head && this.used === 0)) {
        this.used += w.bytes;
        this.waiters.splice(i, 1);
        w.grant();
      } else i++;
    }
  }
}
