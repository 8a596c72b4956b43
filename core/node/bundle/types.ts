// The contract between the collectors/runner and the bundle writer. The runner hands over one
// redacted stream per entry; the writer owns everything about zip files.
import type { Readable } from 'node:stream';

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
