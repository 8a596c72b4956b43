// Reading a finished bundle for submission: its sha256 (streamed), and single small entries
// (case.json, manifest.json, report.html) without unpacking anything to disk.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { CasepackError } from '../../common/errors.js';

export interface BundleFacts {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/** sha256 of a file, read in 1 MiB chunks; `onBytes` sees each chunk's length (for progress). */
export async function hashFile(file: string, onBytes?: (n: number) => void): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return h.digest('hex');
}

export async function bundleFacts(
  file: string,
  onBytes?: (n: number) => void,
): Promise<BundleFacts> {
  const abs = path.resolve(file);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CasepackError(
      code === 'ENOENT' ? 'not-found' : 'io',
      `cannot read the bundle ${abs}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code}`,
      abs,
    );
  }
  if (!st.isFile()) throw new CasepackError('usage', `${abs} is not a file`, abs);
  return {
    path: abs,
    name: path.basename(abs),
    size: st.size,
    sha256: await hashFile(abs, onBytes),
  };
}

async function openZip(file: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (e) {
    throw new CasepackError(
      'verify',
      `${path.basename(file)} is not a readable zip bundle (${(e as Error).message})`,
      file,
    );
  }
}

export interface EntryStream {
  stream: Readable;
  size: number;
  close(): void;
}

/** A stream of one entry, or undefined when the bundle has no such entry. Call close() when done. */
export async function openBundleEntry(
  file: string,
  name: string,
): Promise<EntryStream | undefined> {
  const zip = await openZip(file);
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const stream = await zip.openReadStreamPromise(entry);
      return { stream, size: entry.uncompressedSize, close: () => zip.close() };
    }
  } catch (e) {
    zip.close();
    throw new CasepackError(
      'verify',
      `${path.basename(file)} is damaged (${(e as Error).message}); nothing was sent`,
      file,
    );
  }
  zip.close();
  return undefined;
}

/** A small text entry (case.json, manifest.json), refused when larger than `maxBytes`. */
export async function readBundleText(
  file: string,
  name: string,
  maxBytes = 16 * 1024 * 1024,
): Promise<string | undefined> {
  const e = await openBundleEntry(file, name);
  if (!e) return undefined;
  try {
    if (e.size > maxBytes)
      throw new CasepackError(
        'verify',
        `${name} in ${path.basename(file)} is larger than expected`,
      );
    const parts: Buffer[] = [];
    for await (const chunk of e.stream) parts.push(chunk as Buffer);
    return Buffer.concat(parts).toString('utf8');
  } finally {
    e.close();
  }
}
