// What was removed during a run, as fingerprints only (never the values): the leak check looks for
// them in every entry of the finished bundle. Values shorter than 8 characters or that look like
// words are not kept: they would match ordinary text (a password "admin" is also a user name).
//
// Memory is fixed, whatever the input: a 1 GiB log tree holds hundreds of thousands of distinct
// session ids, and a Set of digests grew the run by ~50 MB per GiB. Each value is a 64-bit
// fingerprint (a salted FNV-1a for the cheap incremental scan, and 32 bits of a peppered SHA-256
// to confirm) in an open-addressing table of fixed size. When the table is full, later values are
// not kept (`dropped` counts them); the pattern rules of the leak check still run on everything.
import { createHash, randomBytes } from 'node:crypto';
import { isCredentialLike } from '../../common/redact/values.js';

const MIN = 8;
const MAX = 512;
/** Table slots (a power of two): 2 x 4 bytes each, 8 MiB in all; filled to at most 3/4. */
const SLOTS = 1 << 20;
/**
 * Least size of the value's space, in bits (length x log2 of the character classes it uses). An
 * 8-digit hex value (32 bits) removed once also turns up by chance as an id in a large log tree
 * (found 60 times in a 1 GiB tree): such values are left to the pattern rules, which still see
 * every entry. At 48 bits a chance match in a 10 GB tree is unlikely (about 1 in 10^3).
 */
const MIN_BITS = 48;
/** Bytes hashed for the quick test at each token start. */
const HEAD = 4;
/** Bits of the heads bitmap (1 MiB). */
const HEAD_BITS = 1 << 23;

/** FNV-1a over bytes[start, end) mixed with a per-run salt. */
function fnv(bytes: Uint8Array, start: number, end: number, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** What a worker needs to fingerprint removed values the way the run's table does. */
export interface FingerprintKey {
  salt: number;
  pepper: Uint8Array;
}

/** A removed value's fingerprint: FNV, SHA-256 bits, head bit, length (see RemovedValues). */
export type Fingerprint = [q: number, c: number, head: number, len: number];

/** The table's memory, shared with the leak check's workers (read-only there). */
export interface RemovedValuesShare extends FingerprintKey {
  slots: number;
  quick: SharedArrayBuffer;
  check: SharedArrayBuffer;
  heads: SharedArrayBuffer;
  lengths: SharedArrayBuffer;
  count: number;
  maxLen: number;
}

function digestOf(pepper: Uint8Array, bytes: Uint8Array, start: number, end: number): number {
  return createHash('sha256')
    .update(pepper)
    .update(bytes.subarray(start, end))
    .digest()
    .readUInt32LE(0);
}

/** The fingerprint of `value`, or undefined for a value the table does not keep. */
export function fingerprintOf(value: string, key: FingerprintKey): Fingerprint | undefined {
  const bytes = Buffer.from(value, 'latin1');
  if (bytes.length < MIN || bytes.length > MAX || !isCredentialLike(value)) return undefined;
  if (spaceBits(bytes) < MIN_BITS) return undefined;
  return [
    fnv(bytes, 0, bytes.length, key.salt) || 1,
    digestOf(key.pepper, bytes, 0, bytes.length),
    fnv(bytes, 0, HEAD, key.salt) & (HEAD_BITS - 1),
    bytes.length,
  ];
}

export class RemovedValues {
  private readonly salt: number;
  private readonly pepper: Uint8Array;
  private readonly slots: number;
  /** FNV fingerprint per slot (0 = empty, so a value whose FNV is 0 is stored as 1). */
  private readonly quick: Uint32Array;
  /** 32 bits of the peppered SHA-256 per slot. */
  private readonly check: Uint32Array;
  /** Salted hashes of the values' first 4 bytes, as bits: most token starts fail one test. */
  private readonly heads: Uint8Array;
  private readonly lengths: Uint8Array;
  private count = 0;
  private maxLen = 0;
  /** Values not kept because the table was full. */
  dropped = 0;

  // Shared memory, so that the leak check's workers read the same table without a copy.
  constructor(slots = SLOTS, share?: RemovedValuesShare) {
    this.slots = share?.slots ?? slots;
    this.salt = share?.salt ?? randomBytes(4).readUInt32LE(0);
    this.pepper = share?.pepper ?? new Uint8Array(randomBytes(16));
    this.quick = new Uint32Array(share?.quick ?? new SharedArrayBuffer(this.slots * 4));
    this.check = new Uint32Array(share?.check ?? new SharedArrayBuffer(this.slots * 4));
    this.heads = new Uint8Array(share?.heads ?? new SharedArrayBuffer(HEAD_BITS / 8));
    this.lengths = new Uint8Array(share?.lengths ?? new SharedArrayBuffer(MAX + 1));
    this.count = share?.count ?? 0;
    this.maxLen = share?.maxLen ?? 0;
  }

  /** The table as it is now, for a worker's leak scan (which only reads it). */
  share(): RemovedValuesShare {
    return {
      ...this.fingerprintKey(),
      slots: this.slots,
      quick: this.quick.buffer as SharedArrayBuffer,
      check: this.check.buffer as SharedArrayBuffer,
      heads: this.heads.buffer as SharedArrayBuffer,
      lengths: this.lengths.buffer as SharedArrayBuffer,
      count: this.count,
      maxLen: this.maxLen,
    };
  }

  /** Salt and pepper, for redaction workers that fingerprint values (fingerprintOf). */
  fingerprintKey(): FingerprintKey {
    return { salt: this.salt, pepper: this.pepper };
  }

  get size(): number {
    return this.count;
  }

  add(value: string): void {
    const fp = fingerprintOf(value, this.fingerprintKey());
    if (fp) this.addFingerprint(fp);
  }

  /** Keep a value by its fingerprint (made by fingerprintOf under this table's key). */
  addFingerprint([q, c, head, len]: Fingerprint): void {
    if (this.has(q, c)) return;
    if (this.count >= (this.slots * 3) / 4) {
      this.dropped++;
      return;
    }
    let i = q & (this.slots - 1);
    while (this.quick[i] !== 0) i = (i + 1) & (this.slots - 1);
    this.quick[i] = q;
    this.check[i] = c;
    this.count++;
    this.heads[head >>> 3]! |= 1 << (head & 7);
    this.lengths[len] = 1;
    this.maxLen = Math.max(this.maxLen, len);
  }

  private digest(bytes: Uint8Array, start: number, end: number): number {
    return digestOf(this.pepper, bytes, start, end);
  }

  /** Whether FNV fingerprint `q` is in the table (with SHA-256 bits `c`, when given). */
  private has(q: number, c?: number): boolean {
    for (let i = q & (this.slots - 1); this.quick[i] !== 0; i = (i + 1) & (this.slots - 1))
      if (this.quick[i] === q && (c === undefined || this.check[i] === c)) return true;
    return false;
  }

  private confirm(q: number, bytes: Uint8Array, start: number, end: number): boolean {
    const c = this.digest(bytes, start, end);
    return this.has(q, c);
  }

  /**
   * Offsets in `bytes` where a removed value starts. Candidates begin at a token start (after a
   * blank, quote or separator) and may run across separators, as passwords do.
   */
  find(bytes: Uint8Array, onHit: (offset: number) => void): void {
    if (this.count === 0) return;
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      if (i > 0 && !isBoundary(bytes[i - 1]!)) continue;
      if (isBoundary(bytes[i]!) || i + MIN > n) continue;
      // Without this, every token start hashed forward up to the longest value (quadratic in
      // the line length, about 2 MB/s on long log lines).
      const head = fnv(bytes, i, i + HEAD, this.salt) & (HEAD_BITS - 1);
      if ((this.heads[head >>> 3]! & (1 << (head & 7))) === 0) continue;
      let h = 0x811c9dc5 ^ this.salt;
      const stop = Math.min(n, i + this.maxLen);
      for (let j = i; j < stop; j++) {
        const b = bytes[j]!;
        if (b === 10) break;
        h = Math.imul(h ^ b, 0x01000193);
        const len = j - i + 1;
        if (len < MIN || this.lengths[len] === 0) continue;
        // A whole token only: `id=e67a8` removed once is not leaked by `id=e67a8efb`.
        if (j + 1 < n && !isBoundary(bytes[j + 1]!)) continue;
        const q = h >>> 0 || 1;
        if (this.has(q) && this.confirm(q, bytes, i, j + 1)) {
          onHit(i);
          break;
        }
      }
    }
  }
}

/**
 * The value's space in bits, counted after its last `=` or `:` (the redactor sometimes removes
 * `id=301276` whole, after a key word: the `id=` adds no secret).
 */
function spaceBits(all: Uint8Array): number {
  let from = 0;
  for (let k = 0; k < all.length - 1; k++) if (all[k] === 61 || all[k] === 58) from = k + 1;
  const bytes = all.subarray(from);
  let digit = false;
  let lower = false;
  let upper = false;
  let other = false;
  for (const b of bytes) {
    if (b >= 48 && b <= 57) digit = true;
    else if (b >= 97 && b <= 122) lower = true;
    else if (b >= 65 && b <= 90) upper = true;
    else other = true;
  }
  const alphabet = (digit ? 10 : 0) + (lower ? 26 : 0) + (upper ? 26 : 0) + (other ? 32 : 0);
  return bytes.length * Math.log2(Math.max(alphabet, 2));
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
