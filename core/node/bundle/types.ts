// The contract between the collectors/runner and the bundle writer. The runner hands over one
// redacted stream per entry; the writer owns everything about zip files.
import type { Readable } from 'node:stream';
import type { Manifest } from '../../common/manifest/schema.js';

export interface EntryOptions {
  /** Store without deflating again (already-compressed content: .gz, .zip, .jar, .png, ...). */
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

/** Where entries go. Calls may overlap; the writer serialises them (one entry at a time in the zip). */
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
  /** Write case.json, report.html and manifest.json, the central directory; fsync; rename. */
  finish(f: BundleFinish): Promise<{ path: string; size: number }>;
  /** Stop, close and remove the .partial file (used on any fatal error: no .zip is left behind). */
  abort(): Promise<void>;
}
