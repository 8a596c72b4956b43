// The time window inside one plain log file, found without reading the file: detect the timestamp
// format from a sample, then binary-search byte offsets (resync to a line start, read the entry's
// timestamp) for the first entry at or after `since` and the first at or after `until`. The bytes
// between are copied unchanged. An entry is a line that starts with a timestamp plus the lines
// after it that do not (a stack trace), so cutting only at entry starts keeps entries whole.
import { detectFormat, HEAD_CHARS } from '../../common/time/detect.js';
import type { TimestampContext } from '../../common/time/formats.js';
import { lineStartAtOrAfter, PROBE_CHUNK, type FileReader } from './file-reader.js';

/** How far a single probe may read looking for the next entry (a very long stack trace). */
const ENTRY_SCAN_LIMIT = 4 * 1024 * 1024;

interface Line {
  start: number;
  head: string;
}

/** Walks lines forward from a line start, one chunk read at a time; gives each line's head. */
class LineScanner {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;
  private readonly origin: number;

  private constructor(
    private readonly r: FileReader,
    public pos: number,
    private readonly end: number,
  ) {
    this.origin = pos;
  }

  /** Bytes passed over since the scanner was created. */
  get scanned(): number {
    return this.pos - this.origin;
  }

  /** A scanner at the first line start at or after `pos` (one read in the usual case). */
  static async at(r: FileReader, pos: number, end = r.size): Promise<LineScanner> {
    if (pos <= 0) return new LineScanner(r, 0, end);
    const buf = await r.read(pos - 1, PROBE_CHUNK);
    const i = buf.indexOf(10);
    if (i < 0) {
      const next = await lineStartAtOrAfter(r, pos + buf.length, ENTRY_SCAN_LIMIT);
      return new LineScanner(r, next ?? end, end);
    }
    const s = new LineScanner(r, pos + i, end);
    s.buf = buf;
    s.bufStart = pos - 1;
    return s;
  }

  async next(): Promise<Line | undefined> {
    if (this.pos >= this.end) return undefined;
    const want = Math.min(HEAD_CHARS, this.end - this.pos);
    if (this.pos < this.bufStart || this.pos + want > this.bufStart + this.buf.length) {
      this.buf = await this.r.read(this.pos, PROBE_CHUNK);
      this.bufStart = this.pos;
      if (this.buf.length === 0) {
        this.pos = this.end;
        return undefined;
      }
    }
    const start = this.pos;
    const rel = start - this.bufStart;
    let nl = this.buf.indexOf(10, rel);
    const head = this.buf.toString(
      'latin1',
      rel,
      Math.min(rel + HEAD_CHARS, nl >= 0 ? nl : this.buf.length),
    );
    // Where the next line starts; a very long line takes more reads (bounded).
    while (nl < 0) {
      const at = this.bufStart + this.buf.length;
      if (at >= this.end || at - this.origin > ENTRY_SCAN_LIMIT) {
        this.pos = this.end;
        return { start, head };
      }
      this.buf = await this.r.read(at, PROBE_CHUNK);
      this.bufStart = at;
      if (this.buf.length === 0) {
        this.pos = this.end;
        return { start, head };
      }
      nl = this.buf.indexOf(10);
    }
    this.pos = this.bufStart + nl + 1;
    return { start, head };
  }
}

export interface WindowDecision {
  /** `range`: copy [start, end); `outside`: nothing of the file is in the window; `unknown`: no format. */
  outcome: 'range' | 'outside' | 'unknown' | 'empty';
  format?: string;
  start: number;
  end: number;
  firstTs?: number;
  lastTs?: number;
  /** The window held more than maxBytes: `start` was moved up to keep the newest entries. */
  capped?: boolean;
  /** Lines in the sample and how many carried a timestamp of the format. */
  sample?: { lines: number; matched: number };
}

export interface WindowOptions {
  since: number;
  until: number;
  ctx: TimestampContext;
  maxBytes: number;
}

function sampleLines(buf: Buffer, dropFirst: boolean, dropLast: boolean): string[] {
  const lines = buf.toString('latin1').split('\n');
  if (dropFirst) lines.shift();
  if (dropLast && lines.length > 1) lines.pop();
  return lines.map((l) => (l.length > HEAD_CHARS ? l.slice(0, HEAD_CHARS) : l));
}

export async function planWindow(r: FileReader, o: WindowOptions): Promise<WindowDecision> {
  const size = r.size;
  if (size === 0) return { outcome: 'empty', start: 0, end: 0 };
  const headBuf = await r.read(0, PROBE_CHUNK);
  const sample = sampleLines(headBuf, false, headBuf.length < size);
  if (size > PROBE_CHUNK)
    sample.push(...sampleLines(await r.read(size - PROBE_CHUNK, PROBE_CHUNK), true, false));
  const det = detectFormat(sample, o.ctx);
  if (!det) return { outcome: 'unknown', start: 0, end: size };
  const parse = (head: string) => det.format.parse(head, o.ctx);
  const base = { format: det.format.id, sample: { lines: det.lines, matched: det.matched } };

  /** First entry starting in [pos, limitEnd), or undefined. */
  const entryAtOrAfter = async (
    pos: number,
    limitEnd = size,
  ): Promise<{ start: number; ts: number } | undefined> => {
    const sc = await LineScanner.at(r, pos, limitEnd);
    for (;;) {
      const line = await sc.next();
      if (!line || sc.scanned > ENTRY_SCAN_LIMIT) return undefined;
      const ts = parse(line.head);
      if (ts !== undefined) return { start: line.start, ts };
    }
  };

  /** Start of the first entry with ts >= t, searching from `from`; `size` if none. */
  const seek = async (t: number, from: number): Promise<number> => {
    let lo = from;
    let hi = size;
    while (hi - lo > PROBE_CHUNK) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const e = await entryAtOrAfter(mid, hi);
      if (e && e.ts < t) lo = e.start + 1;
      else hi = mid;
    }
    const sc = await LineScanner.at(r, lo);
    for (;;) {
      const line = await sc.next();
      if (!line) return size;
      const ts = parse(line.head);
      if (ts !== undefined && ts >= t) return line.start;
    }
  };

  const first = await entryAtOrAfter(0);
  const last = await lastEntry(r, parse);
  const firstTs = first?.ts;
  const lastTs = last?.ts;
  if ((lastTs !== undefined && lastTs < o.since) || (firstTs !== undefined && firstTs >= o.until))
    return { ...base, outcome: 'outside', start: 0, end: 0, firstTs, lastTs };
  let start = firstTs !== undefined && firstTs >= o.since ? 0 : await seek(o.since, 0);
  const end = lastTs !== undefined && lastTs < o.until ? size : await seek(o.until, start);
  if (start >= end) return { ...base, outcome: 'outside', start: 0, end: 0, firstTs, lastTs };
  let capped = false;
  if (end - start > o.maxBytes) {
    capped = true;
    const e = await entryAtOrAfter(end - o.maxBytes, end);
    start = e
      ? e.start
      : ((await lineStartAtOrAfter(r, end - o.maxBytes, o.maxBytes)) ?? end - o.maxBytes);
  }
  return { ...base, outcome: 'range', start, end, firstTs, lastTs, capped };
}

/** The last entry of the file: chunks read backwards (overlapping by a head) up to a limit. */
async function lastEntry(
  r: FileReader,
  parse: (head: string) => number | undefined,
): Promise<{ start: number; ts: number } | undefined> {
  let chunkEnd = r.size;
  while (chunkEnd > 0 && r.size - chunkEnd < ENTRY_SCAN_LIMIT) {
    const s = Math.max(0, chunkEnd - PROBE_CHUNK);
    // One byte before s as well, so that a line starting exactly at s is seen.
    const rs = s > 0 ? s - 1 : 0;
    const buf = await r.read(rs, chunkEnd - rs + HEAD_CHARS);
    const tsAt = (ls: number): number | undefined => {
      const e = buf.indexOf(10, ls);
      return parse(buf.toString('latin1', ls, Math.min(ls + HEAD_CHARS, e >= 0 ? e : buf.length)));
    };
    // Line starts p in [s, chunkEnd), newest first: the byte before p is a newline.
    let idx = chunkEnd - 2 - rs;
    while (idx >= 0) {
      const nl = buf.lastIndexOf(10, idx);
      if (nl < 0 || rs + nl + 1 < s) break;
      const ts = tsAt(nl + 1);
      if (ts !== undefined) return { start: rs + nl + 1, ts };
      idx = nl - 1;
    }
    if (s === 0) {
      const ts = tsAt(0);
      return ts === undefined ? undefined : { start: 0, ts };
    }
    chunkEnd = s;
  }
  return undefined;
}
