// Which bytes of a file go into the bundle: all of it, the newest tail (over maxBytes), the time
// window of a log, or nothing (and why). Decided from a few reads; the caller streams the range.
import type { PlanFileItem } from '../../common/collect/plan.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import { detectFormat, HEAD_CHARS } from '../../common/time/detect.js';
import type { ZoneClock } from '../../common/time/zone.js';
import { formatBytes } from '../../common/units.js';
import { compressionOf, gunzipHead } from './content.js';
import { lineStartAtOrAfter, PROBE_CHUNK, type FileReader } from './file-reader.js';
import { planWindow } from './log-window.js';

export type WindowInfo = NonNullable<ManifestItem['window']>;

export interface FileRange {
  start: number;
  end: number;
  /** Already compressed: stored as it is. */
  store: boolean;
  /** Set when less than the file (or its window) is kept, and why. */
  truncated?: string;
  window?: WindowInfo;
  /** Nothing is written, and why. */
  skip?: { status: 'skipped'; reason: string; window?: WindowInfo };
}

export interface RangeOptions {
  since: number;
  until: number;
  zone: ZoneClock;
}

/** How far past a tail cut we look for a line start before cutting mid-line. */
const TAIL_RESYNC_LIMIT = 1024 * 1024;

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const skipped = (reason: string, window?: WindowInfo, store = false): FileRange => ({
  start: 0,
  end: 0,
  store,
  skip: { status: 'skipped', reason, ...(window ? { window } : {}) },
});

async function tail(r: FileReader, end: number, max: number): Promise<[number, string]> {
  const cut = end - max;
  const ls = await lineStartAtOrAfter(r, cut, Math.min(max, TAIL_RESYNC_LIMIT));
  const of = `of ${formatBytes(end)} (maxBytes ${formatBytes(max)})`;
  if (ls !== undefined && ls < end)
    return [ls, `kept the newest ${formatBytes(end - ls)} ${of}, from a line start`];
  return [
    cut,
    `kept the newest ${formatBytes(max)} ${of}; no line break near the cut, so the tail starts mid-line`,
  ];
}

/** Whole, or over maxBytes: the newest tail from a line start, or nothing. */
async function capped(item: PlanFileItem, r: FileReader, window?: WindowInfo): Promise<FileRange> {
  const w = window ? { window } : {};
  if (r.size <= item.maxBytes) return { start: 0, end: r.size, store: false, ...w };
  if (item.overLimit === 'skip')
    return skipped(`${formatBytes(r.size)} is over maxBytes ${formatBytes(item.maxBytes)}`, window);
  const [start, why] = await tail(r, r.size, item.maxBytes);
  return { start, end: r.size, store: false, truncated: why, ...w };
}

/**
 * A compressed file is stored whole or not at all. A compressed log cannot be read from its end:
 * its first entry (from the gzip head) and its last write (gzip and logrotate keep the original
 * file time) tell whether it overlaps the window.
 */
async function compressedRange(
  item: PlanFileItem,
  r: FileReader,
  mtimeMs: number,
  compression: string,
  o: RangeOptions,
): Promise<FileRange> {
  let window: WindowInfo | undefined;
  if (item.window) {
    let firstTs: number | undefined;
    let format: string | undefined;
    if (compression === 'gzip') {
      const lines = (await gunzipHead(r, PROBE_CHUNK)).toString('latin1').split('\n');
      const ctx = { zone: o.zone, referenceMs: mtimeMs };
      const det = detectFormat(lines, ctx);
      format = det?.format.id;
      for (const l of det ? lines : []) {
        firstTs = det!.format.parse(l.slice(0, HEAD_CHARS), ctx);
        if (firstTs !== undefined) break;
      }
    }
    const info = { applied: true, format, firstEntry: iso(firstTs), lastWritten: iso(mtimeMs) };
    if (firstTs !== undefined && firstTs >= o.until)
      return skipped(
        `outside the time window: its first entry (${iso(firstTs)}) is at or after the window's end`,
        { ...info, note: 'compressed log wholly after the window' },
        true,
      );
    if (mtimeMs < o.since)
      return skipped(
        `outside the time window: last written ${iso(mtimeMs)}, before the window's start`,
        { ...info, note: 'compressed log wholly before the window' },
        true,
      );
    window = {
      ...info,
      applied: false,
      note: `compressed (${compression}) log overlapping the window: kept whole, as it is`,
    };
  }
  if (r.size > item.maxBytes)
    return skipped(
      `compressed file of ${formatBytes(r.size)} is over maxBytes ${formatBytes(item.maxBytes)} (a compressed file cannot be cut)`,
      window,
      true,
    );
  return { start: 0, end: r.size, store: true, ...(window ? { window } : {}) };
}

/** A plain log: the entries in [since, until), capped at maxBytes from an entry start. */
async function windowRange(
  item: PlanFileItem,
  r: FileReader,
  mtimeMs: number,
  o: RangeOptions,
): Promise<FileRange> {
  const w = await planWindow(r, {
    since: o.since,
    until: o.until,
    maxBytes: item.maxBytes,
    ctx: { zone: o.zone, referenceMs: mtimeMs },
  });
  const info: WindowInfo = {
    applied: w.outcome === 'range' || w.outcome === 'outside',
    format: w.format,
    firstEntry: iso(w.firstTs),
    lastEntry: iso(w.lastTs),
  };
  switch (w.outcome) {
    case 'empty':
      return { start: 0, end: 0, store: false, window: { ...info, note: 'empty file' } };
    case 'outside':
      return skipped(
        w.firstTs !== undefined
          ? `no entries in the time window (entries from ${iso(w.firstTs)} to ${iso(w.lastTs)})`
          : 'no entries in the time window',
        { ...info, note: 'no entries in the window' },
      );
    case 'unknown':
      return capped(item, r, {
        ...info,
        note: 'no known timestamp format in the first and last 64 KiB: kept whole, not filtered',
      });
    case 'range': {
      const window: WindowInfo = {
        ...info,
        bytesBefore: w.start,
        bytesAfter: r.size - w.end,
        note: `kept entries from byte ${w.start} to ${w.end} of ${r.size}${w.capped ? ', the newest that fit maxBytes' : ''}`,
      };
      if (!w.capped) return { start: w.start, end: w.end, store: false, window };
      const over = `the window holds more than maxBytes ${formatBytes(item.maxBytes)}`;
      if (item.overLimit === 'skip') return skipped(over, window);
      return {
        start: w.start,
        end: w.end,
        store: false,
        window,
        truncated: `${over}: kept the newest ${formatBytes(w.end - w.start)}, from an entry start`,
      };
    }
  }
}

export async function decideRange(
  item: PlanFileItem,
  r: FileReader,
  mtimeMs: number,
  o: RangeOptions,
): Promise<FileRange> {
  const compression = compressionOf(await r.read(0, 8), item.source);
  if (compression) return compressedRange(item, r, mtimeMs, compression, o);
  if (item.window) return windowRange(item, r, mtimeMs, o);
  return capped(item, r);
}
