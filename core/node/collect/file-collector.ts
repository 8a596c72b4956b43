// Collecting one file: stat, then open without following the plan blindly (a FIFO or device that
// appeared since the listing is never read: O_NONBLOCK + fstat), take the size at open and read only
// up to it (a growing log stays consistent), cut logs to the time window, cap at maxBytes keeping
// the newest tail from a line start, and stream the bytes unchanged into the bundle.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { PlanFileItem } from '../../common/collect/plan.js';
import { errorMessage } from '../../common/errors.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { ZoneClock } from '../../common/time/zone.js';
import { formatBytes } from '../../common/units.js';
import type { CollectorContext } from './collector-context.js';
import { FileReader, STREAM_CHUNK, type ReadStats } from './file-reader.js';
import { decideRange, type FileRange } from './file-range.js';
import { errnoReason, specialKind } from './walk.js';
import { writeEntry } from './write-entry.js';

export interface FileCollectOptions {
  since: number;
  until: number;
  zone: ZoneClock;
  readTimeoutMs?: number;
  /** Filled with the reader's counters (tests and the benchmark assert on reads, not on time). */
  stats?: ReadStats;
}

interface ReadState {
  bytes: number;
  error?: string;
  shrank?: boolean;
}

/** The bytes of [start, end), chunk by chunk; a read error ends the stream and is recorded. */
async function* readRange(
  r: FileReader,
  start: number,
  end: number,
  st: ReadState,
  onBytes: (n: number) => void,
) {
  let pos = start;
  while (pos < end) {
    let buf: Buffer;
    try {
      buf = await r.read(pos, Math.min(STREAM_CHUNK, end - pos));
    } catch (e) {
      st.error = errorMessage(e);
      return;
    }
    if (buf.length === 0) {
      st.shrank = true;
      return;
    }
    pos += buf.length;
    st.bytes += buf.length;
    onBytes(buf.length);
    yield buf;
  }
}

function openFailure(e: unknown): { status: 'skipped' | 'failed'; reason: string } {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return { status: 'skipped', reason: 'the file vanished between listing and reading' };
  if (code === 'EACCES' || code === 'EPERM')
    return {
      status: 'failed',
      reason: 'permission denied (run casepack as a user who may read it)',
    };
  if (code === 'ELOOP') return { status: 'skipped', reason: errnoReason(e) };
  // open(2) on a socket file gives ENXIO: it replaced the file after the listing.
  if (code === 'ENXIO')
    return { status: 'skipped', reason: 'not a regular file (socket): never read' };
  return { status: 'failed', reason: `cannot open: ${errnoReason(e)}` };
}

export async function collectFile(
  item: PlanFileItem,
  ctx: CollectorContext,
  o: FileCollectOptions,
): Promise<ManifestItem> {
  const started = Date.now();
  const base = {
    id: item.id,
    spec: item.spec,
    type: 'file' as const,
    kind: item.kind,
    source: item.source,
    startedAt: new Date(started).toISOString(),
  };
  const finish = (x: Partial<ManifestItem> & Pick<ManifestItem, 'status'>): ManifestItem => ({
    ...base,
    ...x,
    durationMs: Date.now() - started,
  });
  let fh: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO that replaced the file since the listing must not hang.
    fh = await open(item.source, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return finish(openFailure(e));
  }
  try {
    const st = await fh.stat();
    const what = specialKind(st);
    if (what)
      return finish({ status: 'skipped', reason: `not a regular file (${what}): never read` });
    const mtime = st.mtime.toISOString();
    const r = new FileReader(fh, st.size, {
      readTimeoutMs: o.readTimeoutMs,
      signal: ctx.signal,
      stats: o.stats,
    });
    let d: FileRange;
    try {
      d = await decideRange(item, r, st.mtimeMs, o);
    } catch (e) {
      return finish({
        status: 'failed',
        reason: `cannot read: ${errorMessage(e)}`,
        sourceSize: st.size,
        mtime,
      });
    }
    if (d.skip) return finish({ ...d.skip, sourceSize: st.size, mtime });
    const rs: ReadState = { bytes: 0 };
    const src = Readable.from(readRange(r, d.start, d.end, rs, ctx.onBytes), {
      objectMode: false,
      highWaterMark: STREAM_CHUNK,
    });
    // Compressed content is stored as it is; for the rest the writer decides (it skips deflating data
    // that does not compress).
    const entry = await writeEntry(ctx, item, item.path, src, {
      ...(d.store ? { store: true } : {}),
      mtime: st.mtime,
    });
    const common = {
      ...entry,
      sourceSize: st.size,
      mtime,
      ...(d.window ? { window: d.window } : {}),
    };
    if (rs.error)
      return finish({
        ...common,
        status: 'failed',
        reason: `read failed after ${formatBytes(rs.bytes)}: ${rs.error}`,
      });
    if (rs.shrank)
      return finish({
        ...common,
        status: 'truncated',
        reason: `the file shrank while it was read (rotated or truncated?): kept the ${formatBytes(rs.bytes)} that were there`,
      });
    if (d.truncated) return finish({ ...common, status: 'truncated', reason: d.truncated });
    return finish({ ...common, status: 'collected' });
  } finally {
    // After a read that timed out (a dead NFS server) close waits for that read: do not wait long.
    await Promise.race([fh.close().catch(() => undefined), delay(1000, undefined, { ref: false })]);
  }
}
