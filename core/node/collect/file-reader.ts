// Positional reads from one open file, counted (tests assert on reads, not on time) and guarded: a
// read that hangs (a dead NFS server) fails the item after `readTimeoutMs` instead of the whole run.
import type { FileHandle } from 'node:fs/promises';
import { CasepackError } from '../../common/errors.js';

export const PROBE_CHUNK = 64 * 1024;
export const STREAM_CHUNK = 256 * 1024;

export interface ReadStats {
  reads: number;
  bytesRead: number;
}

export class FileReader {
  readonly stats: ReadStats;

  constructor(
    private readonly fh: FileHandle,
    /** Size when the file was opened: nothing past it is ever read (a growing log stays consistent). */
    readonly size: number,
    private readonly opts: { readTimeoutMs?: number; signal?: AbortSignal; stats?: ReadStats } = {},
  ) {
    this.stats = opts.stats ?? { reads: 0, bytesRead: 0 };
  }

  /** Up to `len` bytes at `pos`, never past `size`; shorter only at the end or if the file shrank. */
  async read(pos: number, len: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(len, this.size - pos));
    if (n === 0) return Buffer.alloc(0);
    this.opts.signal?.throwIfAborted();
    const buf = Buffer.allocUnsafe(n);
    this.stats.reads++;
    const timeoutMs = this.opts.readTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new CasepackError('timeout', `a read did not return within ${timeoutMs / 1000}s`)),
        timeoutMs,
      );
    });
    try {
      const { bytesRead } = await Promise.race([this.fh.read(buf, 0, n, pos), timeout]);
      this.stats.bytesRead += bytesRead;
      return bytesRead === n ? buf : buf.subarray(0, bytesRead);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Start of the first line beginning at or after `pos` (`size` when there is none before the end). */
export async function lineStartAtOrAfter(
  r: FileReader,
  pos: number,
  limit = Number.POSITIVE_INFINITY,
): Promise<number | undefined> {
  if (pos <= 0) return 0;
  // A line starts at p when the byte before it is a newline.
  let at = pos - 1;
  const stop = Math.min(r.size, pos + limit);
  while (at < stop) {
    const buf = await r.read(at, Math.min(PROBE_CHUNK, stop - at));
    if (buf.length === 0) return undefined;
    const i = buf.indexOf(10);
    if (i >= 0) return at + i + 1;
    at += buf.length;
  }
  return at >= r.size ? r.size : undefined;
}
