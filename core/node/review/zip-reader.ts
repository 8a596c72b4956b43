// Reading a bundle's entries for review: the central directory once, then one stream per entry.
// Entry data is streamed (never a whole entry in memory) except where a caller caps it.
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { CasepackError } from '../../common/errors.js';

export interface OpenZip {
  entries: Entry[];
  byName: Map<string, Entry>;
  stream(entry: Entry): Promise<Readable>;
  close(): void;
}

export async function openZip(file: string): Promise<OpenZip> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (e) {
    throw new CasepackError(
      'verify',
      `${file} is not a readable zip file (${(e as Error).message})`,
      file,
    );
  }
  const entries: Entry[] = await new Promise((resolve, reject) => {
    const list: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      list.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', reject);
    zip.readEntry();
  });
  let closed = false;
  return {
    entries,
    byName: new Map(entries.map((e) => [e.fileName, e])),
    stream: (e) => zip.openReadStreamPromise(e),
    close: () => {
      if (!closed) zip.close();
      closed = true;
    },
  };
}

/** Read at most `max` bytes of an entry after skipping `offset` bytes. */
export async function readSlice(
  zip: OpenZip,
  entry: Entry,
  offset: number,
  max: number,
): Promise<Buffer> {
  const s = await zip.stream(entry);
  const out: Buffer[] = [];
  let skipped = 0;
  let got = 0;
  for await (const c of s as AsyncIterable<Buffer>) {
    let chunk = c;
    if (skipped < offset) {
      const skip = Math.min(offset - skipped, chunk.length);
      skipped += skip;
      chunk = chunk.subarray(skip);
    }
    if (chunk.length === 0) continue;
    const take = Math.min(max - got, chunk.length);
    out.push(chunk.subarray(0, take));
    got += take;
    if (got >= max) break;
  }
  s.destroy();
  return Buffer.concat(out);
}

/** A small JSON entry (manifest.json, case.json), capped so a hostile bundle cannot exhaust memory. */
export async function readJsonEntry(
  zip: OpenZip,
  name: string,
  cap = 64 * 1024 * 1024,
): Promise<unknown> {
  const e = zip.byName.get(name);
  if (!e) return undefined;
  if (e.uncompressedSize > cap) throw new CasepackError('verify', `${name} is too large to read`);
  const buf = await readSlice(zip, e, 0, cap);
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new CasepackError('verify', `${name} in the bundle is not valid JSON`);
  }
}
