// A set of 64-bit fingerprints of strings in a table of bounded size (open addressing, linear
// probing): it answers "certainly added before" or "not known", never grows past MAX_SLOTS
// (8 MiB), and when it is full it stops taking new strings, so the caller treats those as
// unknown (for the pseudonym store: append the mapping again, which lookup tolerates).
const START_SLOTS = 1 << 12;
const MAX_SLOTS = 1 << 20;

let h1 = 0;
let h2 = 0;
/** Two independent 32-bit multiply-xorshift hashes of the UTF-16 units (cyrb53's mixing). */
function hash(s: string): void {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  h1 = a >>> 0;
  h2 = b >>> 0 || 1; // (x, 0) marks an empty slot
}

export class FingerprintSet {
  private hi = new Uint32Array(START_SLOTS);
  private lo = new Uint32Array(START_SLOTS);
  private count = 0;

  /** Strings held (those that did not fit are not counted). */
  get size(): number {
    return this.count;
  }

  /** Bytes of the table now (at most 8 MiB). */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength;
  }

  has(s: string): boolean {
    hash(s);
    return this.slot(h1, h2) >= 0;
  }

  /** Adds `s`; false when it was there already. A full table leaves `s` unknown (returns true). */
  add(s: string): boolean {
    hash(s);
    const at = this.slot(h1, h2);
    if (at >= 0) return false;
    if (this.count >= this.limit()) {
      if (this.hi.length >= MAX_SLOTS) return true;
      this.grow();
    }
    this.put(h1, h2);
    this.count++;
    return true;
  }

  private limit(): number {
    return (this.hi.length >>> 2) * 3; // 75% load keeps probe runs short
  }

  /** Index holding (a, b), or -1. */
  private slot(a: number, b: number): number {
    const mask = this.hi.length - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0) return -1;
      if (this.lo[i] === b && this.hi[i] === a) return i;
    }
  }

  private put(a: number, b: number): void {
    const mask = this.hi.length - 1;
    let i = a & mask;
    while (this.lo[i] !== 0) i = (i + 1) & mask;
    this.hi[i] = a;
    this.lo[i] = b;
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0) this.put(hi[i]!, lo[i]!);
  }
}
