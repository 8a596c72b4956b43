// What a file holds, from its first bytes: already-compressed content is stored in the zip as it
// is (deflating it again costs CPU and gains nothing), and a gzip'd log can show its first entries.
import { createGunzip } from 'node:zlib';
import type { FileReader } from './file-reader.js';

const MAGIC: Array<[string, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['webp', [0x52, 0x49, 0x46, 0x46]],
];

/** Names that are compressed even when their magic is not listed above. */
const COMPRESSED_EXT = /\.(gz|tgz|zip|jar|war|ear|bz2|xz|txz|zst|7z|lz4|png|jpe?g|gif|webp)$/i;

/** The compression (or compressed media) format of a file, by magic bytes, else by name. */
export function compressionOf(head: Uint8Array, name: string): string | undefined {
  for (const [fmt, sig] of MAGIC) {
    if (head.length >= sig.length && sig.every((b, i) => head[i] === b)) return fmt;
  }
  return COMPRESSED_EXT.test(name) ? 'compressed' : undefined;
}

/** Up to `want` bytes of a gzip file's content (its first entries), reading only what that needs. */
export async function gunzipHead(r: FileReader, want: number): Promise<Buffer> {
  const gz = createGunzip();
  const out: Buffer[] = [];
  let n = 0;
  let finished = false;
  const done = new Promise<void>((resolve) => {
    gz.on('data', (d: Buffer) => {
      out.push(d);
      n += d.length;
      if (n >= want && !finished) {
        finished = true;
        gz.destroy();
        resolve();
      }
    });
    // A truncated or damaged gzip gives what it has.
    gz.on('error', () => resolve());
    gz.on('end', () => resolve());
    gz.on('close', () => resolve());
  });
  let pos = 0;
  while (!finished && pos < r.size) {
    const chunk = await r.read(pos, 64 * 1024);
    if (chunk.length === 0) break;
    pos += chunk.length;
    const ok = gz.write(chunk);
    if (!ok && !finished)
      await new Promise<void>((res) => gz.once('drain', res).once('close', res));
    if (gz.destroyed) break;
  }
  if (!finished && !gz.destroyed) gz.end();
  await done;
  return Buffer.concat(out).subarray(0, want);
}
