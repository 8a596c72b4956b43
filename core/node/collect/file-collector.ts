// Collecting one file: stat, then open without following the plan blindly (a FIFO or device that
// appeared since the listing is never read: O_NONBLOCK + fstat), take the size at open and read only
// up to it (a growing log stays consistent), cut logs to the time window, cap at maxBytes keeping
// the newest tail from a line start, and stream the bytes unchanged into the bundle.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { PlanFileItem } from '../../common/collect/plan.js';
import { errorMessage } from '../../common/errors.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import { detectFormat } from '../../common/time/detect.js';
import type { ZoneClock } from '../../common/time/zone.js';
import { formatBytes } from '../../common/units.js';
import type { CollectorContext } from './collector-context.js';
import { compressionOf, gunzipHead } from './content.js';
import { FileReader, lineStartAtOrAfter, STREAM_CHUNK, type ReadStats } from './file-reader.js';
import { planWindow } from './log-window.js';
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

type Window = NonNullable<ManifestItem['window']>;

interface Decision {
  start: number;
  end: number;
  store: boolean;
  truncated?: string;
  window?: Window;
  skip?: { status: 'skipped' | 'failed'; reason: string; window?: Window };
}

/** How far past a tail cut we look for a line start before cutting mid-line. */
const TAIL_RESYNC_LIMIT = 1024 * 1024;

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

async function tailStart(r: FileReader, end: number, maxBytes: number): Promise<[number, string]> {
  const cut = end - maxBytes;
  const ls = await lineStartAtOrAfter(r, cut, Math.min(maxBytes, TAIL_RESYNC_LIMIT));
  if (ls !== undefined && ls < end)
    return [
      ls,
      `kept the newest ${formatBytes(end - ls)} of ${formatBytes(end)} (maxBytes ${formatBytes(maxBytes)}), from a line start`,
    ];
  return [
    cut,
    `kept the newest ${formatBytes(maxBytes)} of ${formatBytes(end)} (maxBytes ${formatBytes(maxBytes)}); no line break near the cut, so the tail starts mid-line`,
  ];
}

async function decide(
  item: PlanFileItem,
  r: FileReader,
  mtimeMs: number,
  o: FileCollectOptions,
): Promise<Decision> {
  const size = r.size;
  const compression = compressionOf(await r.read(0, 8), item.source);
  if (compression) {
    let window: Window | undefined;
    if (item.window) {
      // A compressed log cannot be read from its end: its first entry (from the head) and its
      // last write (gzip keeps the original file time) tell whether it overlaps the window.
      let firstTs: number | undefined;
      let format: string | undefined;
      if (compression === 'gzip') {
        const head = await gunzipHead(r, 64 * 1024);
        const lines = head.toString('latin1').split('\n');
        const ctx = { zone: o.zone, referenceMs: mtimeMs };
        const det = detectFormat(lines, ctx);
        format = det?.format.id;
        for (const l of det ? lines : []) {
          firstTs = det!.format.parse(l.slice(0, 200), ctx);
          if (firstTs !== undefined) break;
        }
      }
      const info = { applied: true, format, firstEntry: iso(firstTs), lastWritten: iso(mtimeMs) };
      if (firstTs !== undefined && firstTs >= o.until)
        return {
          start: 0,
          end: 0,
          store: true,
          skip: {
            status: 'skipped',
            reason: `outside the time window: its first entry (${iso(firstTs)}) is at or after the window's end`,
            window: { ...info, note: 'compressed log wholly after the window' },
          },
        };
      if (mtimeMs < o.since)
        return {
          start: 0,
          end: 0,
          store: true,
          skip: {
            status: 'skipped',
            reason: `outside the time window: last written ${iso(mtimeMs)}, before the window's start`,
            window: { ...info, note: 'compressed log wholly before the window' },
          },
        };
      window = {
        ...info,
        applied: false,
        note: `compressed (${compression}) log overlapping the window: kept whole, as it is`,
      };
    }
    if (size > item.maxBytes)
      return {
        start: 0,
        end: 0,
        store: true,
        skip: {
          status: 'skipped',
          reason: `compressed file of ${formatBytes(size)} is over maxBytes ${formatBytes(item.maxBytes)} (a compressed file cannot be cut)`,
          window,
        },
      };
    return { start: 0, end: size, store: true, window };
  }

  if (item.window) {
    const w = await planWindow(r, {
      since: o.since,
      until: o.until,
      maxBytes: item.maxBytes,
      ctx: { zone: o.zone, referenceMs: mtimeMs },
    });
    const info: Window = {
      applied: w.outcome === 'range' || w.outcome === 'outside',
      format: w.format,
      firstEntry: iso(w.firstTs),
      lastEntry: iso(w.lastTs),
    };
    if (w.outcome === 'empty')
      return { start: 0, end: 0, store: false, window: { ...info, note: 'empty file' } };
    if (w.outcome === 'outside')
      return {
        start: 0,
        end: 0,
        store: false,
        skip: {
          status: 'skipped',
          reason:
            w.firstTs !== undefined
              ? `no entries in the time window (entries from ${iso(w.firstTs)} to ${iso(w.lastTs)})`
              : 'no entries in the time window',
          window: { ...info, note: 'no entries in the window' },
        },
      };
    if (w.outcome === 'unknown') {
      const note =
        'no known timestamp format in the first and last 64 KiB: kept whole, not filtered';
      if (size <= item.maxBytes)
        return { start: 0, end: size, store: false, window: { ...info, note } };
      if (item.overLimit === 'skip')
        return {
          start: 0,
          end: 0,
          store: false,
          skip: {
            status: 'skipped',
            reason: `over maxBytes ${formatBytes(item.maxBytes)} (${formatBytes(size)}) and no timestamps to window it`,
            window: { ...info, note },
          },
        };
      const [start, why] = await tailStart(r, size, item.maxBytes);
      return { start, end: size, store: false, truncated: why, window: { ...info, note } };
    }
    const window: Window = {
      ...info,
      bytesBefore: w.start,
      bytesAfter: size - w.end,
      note: `kept entries from byte ${w.start} to ${w.end} of ${size}${w.capped ? ', the newest that fit maxBytes' : ''}`,
    };
    if (w.capped) {
      if (item.overLimit === 'skip')
        return {
          start: 0,
          end: 0,
          store: false,
          skip: {
            status: 'skipped',
            reason: `the window holds more than maxBytes ${formatBytes(item.maxBytes)}`,
            window,
          },
        };
      return {
        start: w.start,
        end: w.end,
        store: false,
        window,
        truncated: `the window holds more than maxBytes ${formatBytes(item.maxBytes)}: kept the newest ${formatBytes(w.end - w.start)}, from an entry start`,
      };
    }
    return { start: w.start, end: w.end, store: false, window };
  }

  if (size <= item.maxBytes) return { start: 0, end: size, store: false };
  if (item.overLimit === 'skip')
    return {
      start: 0,
      end: 0,
      store: false,
      skip: {
        status: 'skipped',
        reason: `${formatBytes(size)} is over maxBytes ${formatBytes(item.maxBytes)}`,
      },
    };
  const [start, why] = await tailStart(r, size, item.maxBytes);
  return { start, end: size, store: false, truncated: why };
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
    let d: Decision;
    try {
      d = await decide(item, r, st.mtimeMs, o);
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
    await fh.close().catch(() => undefined);
  }
}
