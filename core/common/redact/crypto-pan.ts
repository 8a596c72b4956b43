// Crypto-PAn (Xu, Fan, Ammar, Moon 2002), the prefix-preserving address anonymisation: output
// bit i = input bit i XOR the first bit of AES_k(the input's first i bits, then the pad's bits).
// Two addresses that share their first n bits therefore share exactly their first n output bits,
// and with the key the map can be undone bit by bit. All blocks of one address go to the cipher
// in one call (32 or 128 blocks of 16 bytes); the cipher itself is injected (core/node), so this
// module stays pure.

/** AES-128-ECB under the IP key: encrypts a whole number of 16-byte blocks, returns as many. */
export type BlockEncrypt = (blocks: Uint8Array) => Uint8Array;

const BLOCK = 16;

/** The pad repeated for every position of an IPv6 address, per pad (copied, never written). */
const templates = new WeakMap<Uint8Array, Uint8Array>();
function padBlocks(pad: Uint8Array): Uint8Array {
  let t = templates.get(pad);
  if (!t) {
    t = new Uint8Array(128 * BLOCK);
    for (let k = 0; k < 128; k++) t.set(pad, k * BLOCK);
    templates.set(pad, t);
  }
  return t;
}

/** Over the pad already at `off`: the first `pos` bits of `addr` (the rest stays the pad's). */
function writePrefix(out: Uint8Array, off: number, addr: Uint8Array, pad: Uint8Array, pos: number) {
  const full = pos >>> 3;
  for (let j = 0; j < full; j++) out[off + j] = addr[j]!;
  const r = pos & 7;
  if (r !== 0) {
    const hi = (0xff << (8 - r)) & 0xff;
    out[off + full] = (addr[full]! & hi) | (pad[full]! & ~hi & 0xff);
  }
}

function flip(bytes: Uint8Array, pos: number): void {
  bytes[pos >>> 3]! ^= 0x80 >>> (pos & 7);
}

/**
 * Pseudonymise `addr` (4 or 16 bytes, network order) keeping its first `keep` bits as they are:
 * one cipher call over the blocks of positions keep..bits-1.
 */
export function cryptoPan(
  encrypt: BlockEncrypt,
  pad: Uint8Array,
  addr: Uint8Array,
  keep: number,
): Uint8Array {
  const n = addr.length * 8 - keep;
  const blocks = padBlocks(pad).slice(0, n * BLOCK);
  for (let k = 0; k < n; k++) writePrefix(blocks, k * BLOCK, addr, pad, keep + k);
  const enc = encrypt(blocks);
  const out = Uint8Array.from(addr);
  for (let k = 0; k < n; k++) if (enc[k * BLOCK]! & 0x80) flip(out, keep + k);
  return out;
}

/** The address whose pseudonym (same `keep`) is `token`: one block per position, in order. */
export function cryptoPanInverse(
  encrypt: BlockEncrypt,
  pad: Uint8Array,
  token: Uint8Array,
  keep: number,
): Uint8Array {
  const out = Uint8Array.from(token);
  const block = new Uint8Array(BLOCK);
  for (let pos = keep; pos < token.length * 8; pos++) {
    // Bits before pos are already the original's: they decide this position's pad bit.
    block.set(pad);
    writePrefix(block, 0, out, pad, pos);
    if (encrypt(block)[0]! & 0x80) flip(out, pos);
  }
  return out;
}
