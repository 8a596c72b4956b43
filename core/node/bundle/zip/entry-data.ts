// One entry's data, in two halves that run concurrently: `prepareEntry` reads the source in
// fixed-size blocks, hashes them and hands them to the scheduler to deflate (pigz's scheme);
// `writeEntryData` writes the blocks in order once the entry's turn has come.
//
// Each block is deflated on its own with the previous block's last 32 KiB as the dictionary. All
// blocks but the last end with a sync flush (byte-aligned, no final bit), so the raw deflate streams
// simply concatenate into one valid stream that any inflater reads. Blocks count against the
// scheduler's byte budget from the moment they are read until they are written: memory stays
// bounded whatever the entries' sizes, and the source is not read further while the budget is full.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { hasCompressedMagic } from './compressed.js';
import type { FileOutput } from './output.js';
import { METHOD_DEFLATE, METHOD_STORE } from './format.js';
import type { BlockScheduler } from './scheduler.js';

export type DataMode = 'store' | 'deflate' | 'auto';

export interface DataResult {
  method: number;
  size: number;
  compressedSize: number;
  crc32: number;
  sha256: string;
}

interface Task {
  input: Buffer;
  /** Absent for stored entries. */
  output: Promise<Buffer> | undefined;
}

interface Digest {
  size: number;
  crc32: number;
  sha256: string;
}

const WINDOW = 32 * 1024;
/** A first block that deflates to more than this share of its size: store the entry instead. */
const INCOMPRESSIBLE = 0.97;

/** The blocks of one entry between its reader and its writer. */
export class EntryPipe {
  mode: DataMode;
  /** Whether the writer may still store an entry whose first block does not compress. */
  readonly mayStore: boolean;
  private readonly tasks: Task[] = [];
  private digest: Digest | undefined;
  private error: unknown;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly seq: number,
    mode: DataMode,
    private readonly sched: BlockScheduler,
  ) {
    this.mode = mode;
    this.mayStore = mode === 'auto';
  }

  /** True once the writer gave up on this entry: the reader stops. */
  get stopped(): boolean {
    return this.closed;
  }

  push(task: Task): void {
    if (this.closed) this.sched.release(task.input.length);
    else this.tasks.push(task);
    this.notify();
  }

  end(digest: Digest): void {
    this.digest = digest;
    this.notify();
  }

  fail(error: unknown): void {
    this.error ??= error;
    this.notify();
  }

  /** The next block in order, or the entry's digest once all are out. */
  async next(): Promise<Task | Digest> {
    for (;;) {
      if (this.tasks.length > 0) return this.tasks.shift()!;
      if (this.error !== undefined) throw this.error;
      if (this.digest) return this.digest;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** Stop the entry: blocks read so far (and any still coming) give their budget back. */
  close(): void {
    this.closed = true;
    for (const t of this.tasks.splice(0)) this.sched.release(t.input.length);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}

export interface PrepareOptions {
  level: number;
  blockSize: number;
}

/** Read, hash and queue one entry's blocks. Never throws: a source error goes to the pipe. */
export async function prepareEntry(
  pipe: EntryPipe,
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  sched: BlockScheduler,
  opts: PrepareOptions,
): Promise<void> {
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  let index = 0;
  let dictionary: Buffer | undefined;
  try {
    for await (const { data, last } of blocks(source, opts.blockSize, () => sched.block())) {
      if (pipe.stopped) return;
      await sched.acquire(pipe.seq, data.length);
      if (pipe.mode === 'auto') pipe.mode = hasCompressedMagic(data) ? 'store' : 'deflate';
      hash.update(data);
      crc = zlib.crc32(data, crc);
      size += data.length;
      let output: Promise<Buffer> | undefined;
      if (pipe.mode === 'deflate') {
        output = sched.deflate(pipe.seq, index, data, dictionary, last, opts.level);
        output.catch(() => undefined); // awaited in order by the writer; never unhandled
        // A copy (none after the last block): the next block's deflate may start after this block
        // went back to the pool.
        if (!last)
          dictionary = Buffer.from(
            data.length >= WINDOW ? data.subarray(data.length - WINDOW) : data,
          );
      }
      index++;
      pipe.push({ input: data, output });
    }
    pipe.end({ size, crc32: crc >>> 0, sha256: hash.digest('hex') });
  } catch (e) {
    pipe.fail(e);
  }
}

/** Write one entry's blocks in order as they become ready. */
export async function writeEntryData(
  pipe: EntryPipe,
  out: FileOutput,
  sched: BlockScheduler,
): Promise<DataResult> {
  let compressedSize = 0;
  let first = true;
  try {
    for (;;) {
      const next = await pipe.next();
      if (!('input' in next)) {
        return {
          ...next,
          method: pipe.mode === 'deflate' ? METHOD_DEFLATE : METHOD_STORE,
          compressedSize,
        };
      }
      try {
        let bytes: Uint8Array = next.input;
        if (pipe.mode === 'deflate') {
          const deflated = await next.output!;
          // Random or encrypted data (or a tiny or empty file): nothing is written yet, store it all.
          if (first && pipe.mayStore && deflated.length >= next.input.length * INCOMPRESSIBLE)
            pipe.mode = 'store';
          else bytes = deflated;
        }
        first = false;
        await out.write(bytes);
        compressedSize += bytes.length;
      } finally {
        sched.release(next.input.length);
        // The block's buffer is reused once its deflate (if any) no longer reads it.
        const input = next.input;
        if (next.output)
          next.output.then(
            () => sched.recycle(input),
            () => sched.recycle(input),
          );
        else sched.recycle(input);
      }
    }
  } finally {
    pipe.close();
  }
}

/**
 * The source cut into blocks of exactly `size` bytes but the last one, which is flagged (and may be
 * empty: an empty source is one empty last block). A full block is held back until the next byte
 * arrives so that the last block is known when it is handed out. Small entries cost no more memory
 * than their bytes.
 */
async function* blocks(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  size: number,
  newBlock: () => Buffer,
): AsyncGenerator<{ data: Buffer; last: boolean }> {
  let held: Buffer | undefined;
  let parts: Buffer[] = [];
  let used = 0;
  for await (const piece of source) {
    let chunk =
      typeof piece === 'string'
        ? Buffer.from(piece)
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (chunk.length > 0) {
      if (held) {
        yield { data: held, last: false };
        held = undefined;
      }
      const n = Math.min(size - used, chunk.length);
      if (used + n < size) parts.push(chunk.subarray(0, n));
      else if (parts.length === 0) held = chunk.subarray(0, n);
      else {
        // A full block: its pieces go into a reused buffer (see BlockScheduler.block).
        const block = newBlock();
        let at = 0;
        for (const p of parts) at += p.copy(block, at);
        chunk.copy(block, at, 0, n);
        held = block;
        parts = [];
      }
      used = (used + n) % size;
      chunk = chunk.subarray(n);
    }
  }
  if (held) yield { data: held, last: true };
  else yield { data: Buffer.concat(parts, used), last: true };
}
