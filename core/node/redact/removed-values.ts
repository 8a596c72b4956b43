// What was removed during a run, as hashes only (never the values): the leak check looks for
// them in every entry of the finished bundle. Values shorter than 8 characters or that look like
// words are not kept: they would match ordinary text (a password "admin" is also a user name).
import { createHash, randomBytes } from 'node:crypto';
import { isCredentialLike } from '../../common/redact/values.js';

const MIN = 8;
const MAX = 512;
const HEAD = 4;

/** FNV-1a over bytes[start, end) mixed with a per-run salt. */
function fnv(bytes: Uint8Array, start: number, end: number, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

export class RemovedValues {
  private readonly salt = randomBytes(4).readUInt32LE(0);
  private readonly pepper = randomBytes(16);
  private readonly quick = new Set<number>();
  private readonly exact = new Set<string>();
  /** Salted hashes of the values' first 4 bytes: most token starts are rejected with one lookup. */
  private readonly heads = new Set<number>();
  private readonly lengths = new Uint8Array(MAX + 1);
  private maxLen = 0;

  get size(): number {
    return this.exact.size;
  }

  add(value: string): void {
    const bytes = Buffer.from(value, 'latin1');
    if (bytes.length < MIN || bytes.length > MAX || !isCredentialLike(value)) return;
    this.quick.add(fnv(bytes, 0, bytes.length, this.salt));
    this.exact.add(this.digest(bytes, 0, bytes.length));
    this.heads.add(fnv(bytes, 0, HEAD, this.salt));
    this.lengths[bytes.length] = 1;
    this.maxLen = Math.max(this.maxLen, bytes.length);
  }

  private digest(bytes: Uint8Array, start: number, end: number): string {
    return createHash('sha256')
      .update(this.pepper)
      .update(bytes.subarray(start, end))
      .digest('base64');
  }

  /**
   * Offsets in `bytes` where a removed value starts. Candidates begin at a token start (after a
   * blank, quote or separator) and may run across separators, as passwords do.
   */
  find(bytes: Uint8Array, onHit: (offset: number) => void): void {
    if (this.exact.size === 0) return;
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      if (i > 0 && !isBoundary(bytes[i - 1]!)) continue;
      if (isBoundary(bytes[i]!) || i + MIN > n) continue;
      // Without this, every token start hashed forward up to the longest value (quadratic in
      // the line length, about 2 MB/s on long log lines).
      if (!this.heads.has(fnv(bytes, i, i + HEAD, this.salt))) continue;
      let h = 0x811c9dc5 ^ this.salt;
      const stop = Math.min(n, i + this.maxLen);
      for (let j = i; j < stop; j++) {
        const b = bytes[j]!;
        if (b === 10) break;
        h = Math.imul(h ^ b, 0x01000193);
        const len = j - i + 1;
        if (
          len >= MIN &&
          this.lengths[len] === 1 &&
          this.quick.has(h >>> 0) &&
          this.exact.has(this.digest(bytes, i, j + 1))
        ) {
          onHit(i);
          break;
        }
      }
    }
  }
}

function isBoundary(b: number): boolean {
  return (
    b <= 32 ||
    b === 34 ||
    b === 39 ||
    b === 61 ||
    b === 58 ||
    b === 44 ||
    b === 59 ||
    b === 38 ||
    b === 60 ||
    b === 62 ||
    b === 40 ||
    b === 41 ||
    b === 91 ||
    b === 93 ||
    b === 123 ||
    b === 125 ||
    b === 47 ||
    b === 64 ||
    b === 96
  );
}
