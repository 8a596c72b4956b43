// Searching every text entry of a bundle for a string (the company name, a colleague's name)
// before it is sent. Entries are streamed line by line; very long lines are searched in windows,
// so memory stays bounded whatever the bundle holds.
import { StringDecoder } from 'node:string_decoder';
import type { SearchHit, SearchResult } from '../../common/api/review.js';
import { entryView } from './bundle-tree.js';
import { openZip } from './zip-reader.js';

const CONTEXT = 60;
/** A line longer than this is searched in pieces (keeping an overlap of the query's length). */
const MAX_LINE = 256 * 1024;

export class LineSearcher {
  private carry = '';
  private carryCol = 0; // column where `carry` starts (a long line searched in pieces)
  private line = 1;
  private readonly needle: string;

  constructor(
    query: string,
    private readonly caseSensitive: boolean,
    private readonly onHit: (h: Omit<SearchHit, 'path'>) => boolean,
  ) {
    this.needle = caseSensitive ? query : query.toLowerCase();
  }

  /** Feed decoded text; returns false once the caller wants no more hits. */
  push(text: string): boolean {
    let data = this.carry + text;
    let nl: number;
    while ((nl = data.indexOf('\n')) !== -1) {
      if (!this.scan(data.slice(0, nl))) return false;
      data = data.slice(nl + 1);
      this.line++;
      this.carryCol = 0;
    }
    if (data.length > MAX_LINE) {
      const keep = this.needle.length - 1;
      if (!this.scan(data.slice(0, data.length - keep), true)) return false;
      this.carryCol += data.length - keep;
      data = data.slice(data.length - keep);
    }
    this.carry = data;
    return true;
  }

  end(): boolean {
    const ok = this.carry.length ? this.scan(this.carry) : true;
    this.carry = '';
    return ok;
  }

  private scan(segment: string, partial = false): boolean {
    const hay = this.caseSensitive ? segment : segment.toLowerCase();
    let from = 0;
    let i: number;
    while ((i = hay.indexOf(this.needle, from)) !== -1) {
      // In a partial window a match must start before the overlap kept for the next window.
      if (partial && i + this.needle.length > segment.length) break;
      const hit = {
        line: this.line,
        column: this.carryCol + i + 1,
        before: segment.slice(Math.max(0, i - CONTEXT), i),
        match: segment.slice(i, i + this.needle.length),
        after: segment.slice(i + this.needle.length, i + this.needle.length + CONTEXT),
      };
      if (!this.onHit(hit)) return false;
      from = i + Math.max(1, this.needle.length);
    }
    return true;
  }
}

export async function searchBundle(
  bundle: string,
  query: string,
  caseSensitive: boolean,
  maxHits: number,
): Promise<SearchResult> {
  const zip = await openZip(bundle);
  const hits: SearchHit[] = [];
  const skipped: string[] = [];
  let truncated = false;
  let searched = 0;
  try {
    for (const entry of zip.entries) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      const view = entryView(name);
      if (view === 'image' || view === 'binary') {
        skipped.push(name);
        continue;
      }
      searched++;
      const searcher = new LineSearcher(query, caseSensitive, (h) => {
        if (hits.length >= maxHits) {
          truncated = true;
          return false;
        }
        hits.push({ path: name, ...h });
        return true;
      });
      const stream = await zip.stream(entry);
      const decoder = new StringDecoder('utf8');
      let first = true;
      let going = true;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (first && chunk.subarray(0, 8192).includes(0)) {
          skipped.push(name);
          searched--;
          going = false;
          break;
        }
        first = false;
        if (!searcher.push(decoder.write(chunk))) {
          going = false;
          break;
        }
      }
      stream.destroy();
      if (going) going = searcher.push(decoder.end()) && searcher.end();
      if (truncated) break;
    }
  } finally {
    zip.close();
  }
  return { query, hits, truncated, entriesSearched: searched, skipped };
}
