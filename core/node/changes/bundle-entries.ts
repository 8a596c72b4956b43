// Read entries of a finished bundle (zip) by name, each capped, for `casepack diff`. yauzl checks
// every entry's CRC and size as it inflates.
import yauzl from 'yauzl';
import { CasepackError, errorMessage } from '../../common/errors.js';

export interface BundleEntries {
  file: string;
  names(): string[];
  /** The entry as text; undefined when absent or larger than `cap` bytes (uncompressed). */
  text(name: string, cap: number): Promise<string | undefined>;
  close(): void;
}

export async function openBundleEntries(file: string): Promise<BundleEntries> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CasepackError(
      code === 'ENOENT' ? 'usage' : 'verify',
      `cannot read bundle ${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(e)}`,
      file,
    );
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  } catch (e) {
    zip.close();
    throw new CasepackError('verify', `bundle ${file} is damaged: ${errorMessage(e)}`, file);
  }
  return {
    file,
    names: () => [...entries.keys()],
    async text(name, cap) {
      const entry = entries.get(name);
      if (!entry || entry.uncompressedSize > cap) return undefined;
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    close: () => zip.close(),
  };
}
