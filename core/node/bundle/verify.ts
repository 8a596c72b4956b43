// `casepack verify`: a bundle checked against its own manifest, streaming every entry once. Every
// problem names the entry; a damaged or truncated zip is a failed check with a clear message, never
// a crash. More checks plug in through `VerifyCheck` (the redaction leak check, see verify-checks.ts).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Entry } from 'yauzl';
import type { VerifyProblem, VerifyReport } from '../../common/api/bundle.js';
import { errorMessage } from '../../common/errors.js';
import {
  MANIFEST_FORMAT_VERSION,
  manifestSchema,
  type Manifest,
  type ManifestItem,
} from '../../common/manifest/schema.js';
import { openZip, readSlice, type OpenZip } from '../review/zip-reader.js';
import { META_NAMES } from './bundle-writer.js';
import { defaultVerifyChecks } from './verify-checks.js';

/** One extra check over the bundle's content (the redaction helper's leak check is one). */
export interface VerifyCheck {
  id: string;
  /** A scanner for one entry's uncompressed bytes, or undefined to skip the entry. */
  scan?(entry: {
    name: string;
    item?: ManifestItem;
    manifest?: Manifest;
  }): EntryScanner | undefined;
  /** Problems across the whole bundle, once every entry was read. */
  finish?(ctx: {
    manifest?: Manifest;
    entries: string[];
  }): VerifyProblem[] | Promise<VerifyProblem[]>;
}

export interface EntryScanner {
  write(chunk: Buffer): void;
  end(): VerifyProblem[] | Promise<VerifyProblem[]>;
}

export interface VerifyOptions {
  /** Checks besides the checksums; default `defaultVerifyChecks()`. */
  checks?: VerifyCheck[];
}

/** manifest.json larger than this is refused rather than read into memory. */
export const MANIFEST_CAP = 64 * 1024 * 1024;

interface Digest {
  size: number;
  sha256: string;
}

export async function verifyBundle(file: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const bundle = path.resolve(file);
  const checks = opts.checks ?? defaultVerifyChecks();
  const report: VerifyReport = {
    bundle,
    ok: false,
    entries: 0,
    items: 0,
    itemsChecked: 0,
    bytes: 0,
    checks: checks.map((c) => c.id),
    problems: [],
  };
  const problem = (p: VerifyProblem) => report.problems.push(p);
  try {
    if (!(await stat(bundle)).isFile())
      throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problem({
      code: 'unreadable',
      message: `${bundle}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : errorMessage(e)}`,
    });
    return report;
  }
  let zip: OpenZip;
  try {
    zip = await openZip(bundle);
  } catch (e) {
    problem({
      code: 'zip-corrupt',
      message: `${errorMessage(e)}. It may be truncated or damaged (an interrupted copy or download?).`,
    });
    return report;
  }
  try {
    report.entries = zip.entries.length;
    const manifest = await readManifest(zip, problem);
    if (manifest) {
      report.formatVersion = manifest.formatVersion;
      report.items = manifest.items.length;
    }
    const itemByPath = new Map<string, ManifestItem>();
    for (const i of manifest?.items ?? []) if (i.path) itemByPath.set(i.path, i);

    const digests = new Map<string, Digest>();
    const seen = new Set<string>();
    for (const entry of zip.entries) {
      const name = entry.fileName;
      if (seen.has(name))
        problem({
          entry: name,
          code: 'duplicate-entry',
          message: `${name}: appears more than once in the zip`,
        });
      seen.add(name);
      if (name.endsWith('/')) continue; // a folder entry: no content
      const item = itemByPath.get(name);
      const scanners = checks
        .map((c) =>
          c.scan?.({ name, ...(item ? { item } : {}), ...(manifest ? { manifest } : {}) }),
        )
        .filter((s): s is EntryScanner => s !== undefined);
      const d = await readEntry(zip, entry, scanners, problem);
      if (!d) continue;
      digests.set(name, d);
      report.bytes += d.size;
      for (const s of scanners) for (const p of await s.end()) problem(p);
    }

    if (manifest) {
      for (const item of manifest.items) {
        if (!item.path) continue;
        const d = digests.get(item.path);
        if (!d) {
          if (!seen.has(item.path))
            problem({
              entry: item.path,
              itemId: item.id,
              code: 'missing-entry',
              message: `${item.path}: listed in the manifest (from ${item.source}) but not in the zip`,
            });
          continue;
        }
        report.itemsChecked++;
        if (item.size === undefined || item.sha256 === undefined)
          problem({
            entry: item.path,
            itemId: item.id,
            code: 'manifest-invalid',
            message: `${item.path}: the manifest gives no size or sha256 to check it against`,
          });
        else if (d.size !== item.size)
          problem({
            entry: item.path,
            itemId: item.id,
            code: 'size-mismatch',
            message: `${item.path}: ${d.size} bytes, the manifest says ${item.size}`,
          });
        else if (d.sha256 !== item.sha256.toLowerCase())
          problem({
            entry: item.path,
            itemId: item.id,
            code: 'sha256-mismatch',
            message: `${item.path}: content differs from the manifest (sha256 ${d.sha256}, expected ${item.sha256})`,
          });
      }
      for (const name of seen)
        if (!name.endsWith('/') && name !== META_NAMES.manifest && !itemByPath.has(name))
          problem({
            entry: name,
            code: 'not-in-manifest',
            message: `${name}: in the zip but not listed in the manifest`,
          });
    }
    for (const c of checks)
      if (c.finish)
        for (const p of await c.finish({ entries: [...seen], ...(manifest ? { manifest } : {}) }))
          problem(p);
  } finally {
    zip.close();
  }
  report.ok = report.problems.length === 0;
  return report;
}

async function readManifest(
  zip: OpenZip,
  problem: (p: VerifyProblem) => void,
): Promise<Manifest | undefined> {
  const name = META_NAMES.manifest;
  const entry = zip.byName.get(name);
  if (!entry) {
    problem({
      entry: name,
      code: 'manifest-missing',
      message: `${name}: not in the zip, so nothing can be checked against it`,
    });
    return undefined;
  }
  if (entry.uncompressedSize > MANIFEST_CAP) {
    problem({
      entry: name,
      code: 'manifest-invalid',
      message: `${name}: ${entry.uncompressedSize} bytes, too large to be a casepack manifest`,
    });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse((await readSlice(zip, entry, 0, MANIFEST_CAP)).toString('utf8'));
  } catch (e) {
    problem({
      entry: name,
      code: 'manifest-invalid',
      message: `${name}: not valid JSON (${errorMessage(e)})`,
    });
    return undefined;
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ');
    problem({
      entry: name,
      code: 'manifest-invalid',
      message: `${name}: not a casepack manifest (${where})`,
    });
    return undefined;
  }
  if (parsed.data.formatVersion > MANIFEST_FORMAT_VERSION)
    problem({
      entry: name,
      code: 'unsupported-format',
      message: `${name}: bundle format ${parsed.data.formatVersion} is newer than this casepack reads (${MANIFEST_FORMAT_VERSION}); update casepack to verify it fully`,
    });
  return parsed.data;
}

/** Stream one entry: size, sha256 and CRC-32 (which yauzl does not check), feeding the scanners. */
async function readEntry(
  zip: OpenZip,
  entry: Entry,
  scanners: EntryScanner[],
  problem: (p: VerifyProblem) => void,
): Promise<Digest | undefined> {
  const name = entry.fileName;
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  try {
    const stream = await zip.stream(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      for (const s of scanners) s.write(chunk);
    }
  } catch (e) {
    problem({
      entry: name,
      code: 'entry-corrupt',
      message: `${name}: cannot be read back (${errorMessage(e)})`,
    });
    return undefined;
  }
  if (crc >>> 0 !== entry.crc32) {
    problem({
      entry: name,
      code: 'crc-mismatch',
      message: `${name}: CRC-32 does not match its zip header: the entry is damaged`,
    });
    return undefined;
  }
  return { size, sha256: hash.digest('hex') };
}
