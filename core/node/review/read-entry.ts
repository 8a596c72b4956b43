// One entry of a bundle for the review screen: a slice of its text with the redaction markers
// located, or an image. Slices end on a character boundary so that the next slice continues it.
import type { EntryImage, EntryText } from '../../common/api/review.js';
import { CasepackError } from '../../common/errors.js';
import { findMarks } from '../../common/review/marks.js';
import { imageMime } from '../media/image-bytes.js';
import { entryView, readManifest } from './bundle-tree.js';
import { openZip, readSlice, type OpenZip } from './zip-reader.js';

const MAX_IMAGE = 32 * 1024 * 1024;

/** Bytes of `buf` up to the last complete UTF-8 character. */
export function completeUtf8(buf: Buffer): number {
  const i = buf.length;
  for (let back = 1; back <= 3 && i - back >= 0; back++) {
    const b = buf[i - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? i - back : i;
  }
  return i;
}

function entryOf(zip: OpenZip, name: string) {
  const e = zip.byName.get(name);
  if (!e) throw new CasepackError('not-found', `the bundle has no entry ${name}`);
  return e;
}

export async function readEntryText(
  bundle: string,
  name: string,
  offset: number,
  maxBytes: number,
): Promise<EntryText> {
  const zip = await openZip(bundle);
  try {
    const entry = entryOf(zip, name);
    const manifest = await readManifest(zip, bundle);
    const item = manifest.items.find((i) => i.path === name);
    let view = entryView(name, item);
    if (view === 'image')
      throw new CasepackError('usage', `${name} is an image; open it with readImage`);
    let buf = await readSlice(zip, entry, offset, maxBytes);
    let start = 0;
    while (start < Math.min(3, buf.length) && (buf[start]! & 0xc0) === 0x80) start++; // mid-character
    const end = offset + buf.length < entry.uncompressedSize ? completeUtf8(buf) : buf.length;
    buf = buf.subarray(start, end);
    if (buf.subarray(0, 8192).includes(0)) view = 'binary';
    const text = view === 'binary' ? '' : buf.toString('utf8');
    return {
      path: name,
      size: entry.uncompressedSize,
      offset: offset + start,
      text,
      truncated: offset + end < entry.uncompressedSize,
      view,
      marks: view === 'binary' ? [] : findMarks(text),
      counts: item?.redaction?.counts ?? {},
    };
  } finally {
    zip.close();
  }
}

export async function readEntryImage(bundle: string, name: string): Promise<EntryImage> {
  const zip = await openZip(bundle);
  try {
    const entry = entryOf(zip, name);
    if (entry.uncompressedSize > MAX_IMAGE)
      throw new CasepackError('usage', `${name} is too large to show`);
    const buf = await readSlice(zip, entry, 0, MAX_IMAGE);
    const mime = imageMime(buf);
    if (!mime) throw new CasepackError('usage', `${name} is not an image`);
    return { path: name, mime, base64: buf.toString('base64') };
  } finally {
    zip.close();
  }
}
