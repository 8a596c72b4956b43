// A streaming zip writer for seekable files that deflates each entry on several cores (see
// zip/entry-data.ts), stores already-compressed content, and switches to zip64 records only where
// an entry or the archive needs them.
//
// Entries are written one after another. The local header is written first with a reserved extra
// block, and patched in place once the CRC and sizes are known: no data descriptors, so streaming
// readers and central-directory readers see the same, complete headers.
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import { Readable } from 'node:stream';
import { CasepackError } from '../../common/errors.js';
import type { EntryOptions, EntryResult } from './types.js';
import { isCompressedName } from './zip/compressed.js';
import { EntryPipe, prepareEntry, writeEntryData, type DataMode } from './zip/entry-data.js';
import { BlockScheduler } from './zip/scheduler.js';
import { NameRegistry, safeEntryName } from './zip/entry-name.js';
import {
  centralRecord,
  dosDateTime,
  endRecords,
  extendedTimestamp,
  FLAG_UTF8,
  LOCAL_FIXED_LEN,
  localHeader,
  localPatch,
  localReserve,
  MAX32,
} from './zip/format.js';
import { FileOutput, OutputError } from './zip/output.js';

export { OutputError } from './zip/output.js';

export interface ZipWriterOptions {
  /** zlib level, 0-9 (default 6, like `zip -6`). */
  level?: number;
  /** Bytes per independently deflated block (default 1 MiB). */
  blockSize?: number;
  /**
   * Blocks deflated at once (default: cores + 1, at most 3 so that libuv's 4-thread pool keeps a
   * thread for file I/O).
   */
  inFlight?: number;
  /** Bytes of blocks held between reading and writing (default 8 blocks). */
  maxBufferedBytes?: number;
  /** Entries read and compressed ahead of the one being written (default 4). */
  lookahead?: number;
  /** Names only `{ reserved: true }` entries may use (a data entry named so gets a suffix). */
  reservedNames?: string[];
  /**
   * Sizes and offsets at or above this use zip64 records (default 0xFFFFFFFF, as the format
   * requires). Lower only to test zip64 readers without writing 4 GiB.
   */
  zip64At?: number;
}

export interface ZipEntryOptions extends EntryOptions {
  /** `deflate` forces compression even for a compressed-looking name or content. */
  method?: 'deflate';
  /** Write under one of the writer's `reservedNames`, exactly as given. */
  reserved?: boolean;
}

/** A stream, or any (async) iterable of chunks. */
export type Source = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

interface Job {
  name: string;
  source: Source;
  /** The same source when it is a stream, so that `cancel` can close it. */
  stream: Readable | undefined;
  opts: ZipEntryOptions;
  pipe: EntryPipe;
  started: boolean;
}

export class ZipWriter {
  private readonly out: FileOutput;
  private readonly names: NameRegistry;
  private readonly central: Buffer[] = [];
  private readonly sched: BlockScheduler;
  private readonly level: number;
  private readonly blockSize: number;
  private readonly lookahead: number;
  private readonly zip64At: number;
  private tail: Promise<unknown> = Promise.resolve();
  /** Entries queued or being written, in order. */
  private readonly jobs: Job[] = [];
  private seq = 0;
  private closed = false;
  private cancelled: Error | undefined;

  constructor(fh: FileHandle, opts: ZipWriterOptions = {}) {
    this.out = new FileOutput(fh);
    this.names = new NameRegistry(new Set(opts.reservedNames ?? []));
    this.level = opts.level ?? 6;
    this.blockSize = opts.blockSize ?? 1024 * 1024;
    this.lookahead = Math.max(1, opts.lookahead ?? 4);
    this.zip64At = Math.min(MAX32, opts.zip64At ?? MAX32);
    const inFlight = opts.inFlight ?? Math.min(3, os.availableParallelism() + 1);
    const budget = Math.max(2 * this.blockSize, opts.maxBufferedBytes ?? 8 * this.blockSize);
    this.sched = new BlockScheduler(budget, this.blockSize, inFlight);
  }

  /** Entries written so far. */
  get entryCount(): number {
    return this.central.length;
  }

  /** Blocks deflated and the most deflated at once (for tests and the benchmark). */
  get deflateStats(): { blocks: number; maxConcurrent: number } {
    return { ...this.sched.stats };
  }

  /** Bytes written so far (including buffered ones). */
  get bytesWritten(): number {
    return this.out.position;
  }

  /**
   * Queue an entry; entries are written in call order, and the next few are read and compressed
   * while one is written. The result names the entry as written (made safe and unique, see
   * zip/entry-name.ts). If the source fails, the entry is removed from the zip and the source's
   * error is rethrown unchanged; a failure of the zip file itself is an OutputError.
   */
  addEntry(name: string, source: Source, opts: ZipEntryOptions = {}): Promise<EntryResult> {
    const stream = source instanceof Readable ? source : undefined;
    // A source that fails while it waits its turn must not crash the process; the error resurfaces
    // when the entry is read.
    stream?.on('error', () => undefined);
    if (this.closed || this.cancelled) {
      stream?.destroy();
      return Promise.reject(
        this.cancelled ?? new CasepackError('internal', 'The zip file is already finished.'),
      );
    }
    let entryName: string;
    try {
      entryName = opts.reserved
        ? this.names.claim(name, opts)
        : this.names.claim(safeEntryName(name));
    } catch (e) {
      stream?.destroy();
      return Promise.reject(e);
    }
    const seq = ++this.seq;
    const pipe = new EntryPipe(seq, entryMode(entryName, opts), this.sched);
    const job: Job = { name: entryName, source, stream, opts, pipe, started: false };
    this.jobs.push(job);
    this.startReaders();
    const run = this.tail.then(() => this.writeEntry(job));
    this.tail = run.catch(() => undefined);
    return run.finally(() => {
      this.jobs.splice(this.jobs.indexOf(job), 1);
      this.startReaders();
    });
  }

  addBuffer(
    name: string,
    data: string | Uint8Array,
    opts: ZipEntryOptions = {},
  ): Promise<EntryResult> {
    return this.addEntry(name, [typeof data === 'string' ? Buffer.from(data) : data], opts);
  }

  /** Write the central directory and end records, then flush and fsync. Does not close the file. */
  async finish(): Promise<{ size: number; entries: number }> {
    this.closed = true;
    await this.tail;
    if (this.cancelled) throw this.cancelled;
    const cdOffset = this.out.position;
    for (const rec of this.central) await this.out.write(rec);
    const cdSize = this.out.position - cdOffset;
    await this.out.write(endRecords(this.central.length, cdSize, cdOffset, this.zip64At));
    await this.out.sync();
    return { size: this.out.position, entries: this.central.length };
  }

  /** Stop: the entry being written and every queued one fail with `reason`; their sources are closed. */
  cancel(reason: Error = new CasepackError('cancelled', 'The bundle was cancelled.')): void {
    this.cancelled ??= reason;
    for (const job of this.jobs) {
      job.pipe.fail(this.cancelled);
      job.stream?.destroy(this.cancelled);
    }
  }

  /** Resolves once no entry is being written (after `cancel`, before closing the file). */
  settled(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** Start reading the first `lookahead` queued entries. */
  private startReaders(): void {
    for (const job of this.jobs.slice(0, this.lookahead)) {
      if (job.started) continue;
      job.started = true;
      void prepareEntry(job.pipe, job.source, this.sched, {
        level: this.level,
        blockSize: this.blockSize,
      });
    }
  }

  private async writeEntry(job: Job): Promise<EntryResult> {
    if (this.cancelled) {
      job.pipe.close();
      throw this.cancelled;
    }
    this.sched.setHead(job.pipe.seq);
    const start = this.out.position;
    const name = job.name;
    const nameBuf = Buffer.from(name, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : FLAG_UTF8;
    const mtime = job.opts.mtime ?? new Date();
    const dos = dosDateTime(mtime);
    const timestamp = extendedTimestamp(mtime);
    const header = { name: nameBuf, flags, method: 0, dos, crc32: 0, size: 0, compressedSize: 0 };
    let data;
    try {
      await this.out.write(
        localHeader({
          ...header,
          zip64: false,
          extra: Buffer.concat([timestamp, localReserve(false, 0, 0)]),
        }),
      );
      data = await writeEntryData(job.pipe, this.out, this.sched);
    } catch (e) {
      job.stream?.destroy();
      if (e instanceof OutputError) throw e;
      await this.out.truncate(start);
      this.names.release(name);
      throw this.cancelled ?? e;
    }
    const zip64 = data.size >= this.zip64At || data.compressedSize >= this.zip64At;
    const final = { ...header, ...data, zip64 };
    await this.out.patch(start + 4, localPatch(final));
    await this.out.patch(
      start + LOCAL_FIXED_LEN + nameBuf.length + timestamp.length,
      localReserve(zip64, data.size, data.compressedSize),
    );
    this.central.push(centralRecord({ ...final, offset: start, extra: timestamp }, this.zip64At));
    return {
      name,
      size: data.size,
      compressedSize: data.compressedSize,
      crc32: data.crc32,
      sha256: data.sha256,
    };
  }
}

function entryMode(name: string, opts: ZipEntryOptions): DataMode {
  if (opts.method === 'deflate' || opts.store === false) return 'deflate';
  if (opts.store || isCompressedName(name)) return 'store';
  return 'auto';
}
