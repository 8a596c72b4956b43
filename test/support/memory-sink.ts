// An EntrySink for unit tests of the collectors: it consumes each entry's stream the way the bundle
// writer does, hashes it, and keeps the bytes (up to a limit) so a test can compare them.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntryOptions, EntryResult, EntrySink } from '../../core/node/bundle/types.js';

export interface StoredEntry extends EntryResult {
  data: Buffer | undefined;
  opts: EntryOptions;
}

export class MemorySink implements EntrySink {
  readonly entries = new Map<string, StoredEntry>();
  constructor(private readonly keepUpTo = 64 * 1024 * 1024) {}

  async addEntry(name: string, source: Readable, opts: EntryOptions = {}): Promise<EntryResult> {
    const hash = createHash('sha256');
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      hash.update(b);
      size += b.length;
      if (size <= this.keepUpTo) parts.push(b);
    }
    const res = { name, size, compressedSize: size, crc32: 0, sha256: hash.digest('hex') };
    this.entries.set(name, {
      ...res,
      data: size <= this.keepUpTo ? Buffer.concat(parts) : undefined,
      opts,
    });
    return res;
  }

  async addBuffer(
    name: string,
    data: string | Uint8Array,
    opts: EntryOptions = {},
  ): Promise<EntryResult> {
    const { Readable } = await import('node:stream');
    return this.addEntry(name, Readable.from([Buffer.from(data)]), opts);
  }

  text(name: string): string {
    const e = this.entries.get(name);
    if (!e?.data)
      throw new Error(`no entry ${name} (have: ${[...this.entries.keys()].join(', ')})`);
    return e.data.toString('utf8');
  }
}
