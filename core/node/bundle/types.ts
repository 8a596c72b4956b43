// The contract between the collectors/runner and the bundle writer. The runner hands over one
// redacted stream per entry; the writer owns everything about zip files.
import type { Readable } from 'node:stream';
import type { Manifest } from '../../common/manifest/schema.js';

export interface EntryOptions {
  /**
   * true: store without deflating (already-compressed content); false: always deflate; absent
   * (the usual case): the writer decides by the name (.gz .zip .jar .png ...), the first bytes
   * (gzip, zip, xz, zstd ... magic) and whether the first block compresses at all.
   */
  store?: boolean;
  /** Modification time recorded in the zip (default: now). */
  mtime?: Date;
}

export interface EntryResult {
  /** Entry name in the zip. */
  name: string;
  /** Bytes of the entry, uncompressed, as stored. */
  size: number;
  compressedSize: number;
  crc32: number;
  /** sha256 (hex) of the uncompressed entry. */
  sha256: string;
}

/**
 * Where entries go. Calls may overlap, and should: the writer writes entries one at a time in call
 * order, but reads and compresses the next few while it writes one (both cores busy even on small
 * files). The returned name is the entry as written: made safe for every file system (no "..",
 * no `:*?"<>|`, no device names) and unique ignoring case ("a.log" twice -> "a.log", "a~2.log"), so
 * the manifest must use `EntryResult.name`. A source stream that errors removes its entry from the
 * zip and rejects with that same error; the bundle goes on. A failure of the bundle file itself
 * (disk full ...) rejects with a CasepackError and ends the bundle (see BundleWriter).
 */
export interface EntrySink {
  addEntry(name: string, source: Readable, opts?: EntryOptions): Promise<EntryResult>;
  addBuffer(name: string, data: string | Uint8Array, opts?: EntryOptions): Promise<EntryResult>;
}

/** What `BundleWriter.finish` needs to close a bundle. */
export interface BundleFinish {
  /** The manifest so far (data items); finish adds the meta entries (case.json, report.html). */
  manifest: Manifest;
  /** The case as the user wrote it (never pseudonymised). */
  caseJson: unknown;
  reportHtml: string;
}

/**
 * A bundle being written: `NAME.zip.partial` until `finish` renames it to `NAME.zip`.
 * Implemented by core/node/bundle/bundle-writer.ts (`openBundle({ dir, name })`).
 */
export interface BundleWriter extends EntrySink {
  readonly partialPath: string;
  readonly finalPath: string;
  /**
   * Write case.json and report.html (added to the manifest as items of type `meta`), then
   * manifest.json last, the central directory; fsync; rename. Returns the manifest as written.
   */
  finish(f: BundleFinish): Promise<{
    path: string;
    size: number;
    manifest: Manifest;
  }>;
  /** Stop, close and remove the .partial file (used on any fatal error: no .zip is left behind). */
  abort(): Promise<void>;
}
