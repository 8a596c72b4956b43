// Keyed, prefix-preserving pseudonyms for IP addresses (Crypto-PAn, ./crypto-pan.ts): two
// addresses that share their first n bits map to pseudonyms that share exactly their first n
// bits, so subnets stay subnets, and the site key maps them back (`casepack pseudonyms lookup`)
// without storing them. Private, link-local and CGNAT ranges keep their range prefix, public
// addresses their first octet, or their first two where that octet also holds one of those
// ranges (172, 192, 169, 100), so that a public address never becomes a private one and the map
// stays one-to-one. Loopback, unspecified, broadcast, multicast and netmasks are left alone.
// MACs keep their vendor part (OUI); their device part is a keyed hash.
import { cryptoPan, cryptoPanInverse, type BlockEncrypt } from './crypto-pan.js';

export type Prf = (data: string) => Uint8Array;

/** The keyed functions pseudonyms need; core/node builds them from the site key's bytes. */
export interface PseudonymKeys {
  /** HMAC-SHA256 under the site key: tokens of names, e-mails, users, keywords and MACs. */
  prf: Prf;
  /** AES-128-ECB under the IP key (derived from the site key). */
  ipEncrypt: BlockEncrypt;
  /** Crypto-PAn's 16-byte pad (derived from the site key under another label). */
  ipPad: Uint8Array;
}

const V4_KEEP: Array<[number, number]> = [
  // [network, prefix length]: the prefix is kept
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0xa9fe0000, 16], // 169.254/16
  [0x64400000, 10], // 100.64/10 (CGNAT)
];
/** First octets that hold one of the ranges above: their public addresses keep two octets. */
const SHARED_FIRST = new Set(V4_KEEP.map(([net]) => net >>> 24));

/** How many leading bits of `v` stay as they are; the same for an address and its pseudonym. */
function keepBitsV4(v: number): number {
  for (const [net, len] of V4_KEEP) if ((v & ((~0 << (32 - len)) >>> 0)) >>> 0 === net) return len;
  return SHARED_FIRST.has(v >>> 24) ? 16 : 8;
}

/** Dotted quad to a number; octets 0-255 without leading zeros. (A loop: this runs per match.) */
export function parseIPv4(s: string): number | undefined {
  let v = 0;
  let octets = 0;
  let i = 0;
  while (octets < 4) {
    const start = i;
    let o = 0;
    while (i < s.length && i - start < 4) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      o = o * 10 + c;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || o > 255 || (len > 1 && s.charCodeAt(start) === 48))
      return undefined;
    v = v * 256 + o;
    octets++;
    if (octets < 4) {
      if (s.charCodeAt(i) !== 46) return undefined;
      i++;
    }
  }
  return i === s.length ? v : undefined;
}

/** Addresses that identify nothing: loopback, 0.0.0.0/8, broadcast, multicast, netmasks. */
export function isUnremarkableIPv4(v: number): boolean {
  const first = v >>> 24;
  if (first === 0 || first === 127 || first >= 224) return true;
  // a netmask: ones then zeros (255.255.255.0, 255.255.0.0)
  const inv = ~v >>> 0;
  return first === 255 && (inv & (inv + 1)) === 0;
}

const v4Bytes = (v: number): Uint8Array =>
  Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);

function mapIPv4(keys: PseudonymKeys, addr: string, inverse: boolean): string | undefined {
  const v = parseIPv4(addr);
  if (v === undefined || isUnremarkableIPv4(v)) return undefined;
  const f = inverse ? cryptoPanInverse : cryptoPan;
  return f(keys.ipEncrypt, keys.ipPad, v4Bytes(v), keepBitsV4(v)).join('.');
}

export function pseudonymizeIPv4(keys: PseudonymKeys, addr: string): string | undefined {
  return mapIPv4(keys, addr, false);
}

/** The address whose pseudonym is `token` (undefined: not an address that gets one). */
export function restoreIPv4(keys: PseudonymKeys, token: string): string | undefined {
  return mapIPv4(keys, token, true);
}

/** Eight 16-bit groups, or undefined when `s` is not an IPv6 address (`12:34:56` is not). */
export function parseIPv6(s: string): number[] | undefined {
  if (s.includes('.')) return undefined; // embedded IPv4 forms are left alone
  const parts = s.split('::');
  if (parts.length > 2) return undefined;
  const groups = (x: string): number[] | undefined => {
    if (x === '') return [];
    const g = x.split(':');
    if (g.some((h) => !/^[0-9A-Fa-f]{1,4}$/.test(h))) return undefined;
    return g.map((h) => parseInt(h, 16));
  };
  const a = groups(parts[0]!);
  const b = parts.length === 2 ? groups(parts[1]!) : [];
  if (!a || !b) return undefined;
  if (parts.length === 1) return a.length === 8 ? a : undefined;
  if (a.length + b.length > 7) return undefined;
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

function mapIPv6(keys: PseudonymKeys, addr: string, inverse: boolean): number[] | undefined {
  const g = parseIPv6(addr);
  if (!g) return undefined;
  if (g.every((x, i) => (i < 7 ? x === 0 : x <= 1))) return undefined; // :: and ::1
  if ((g[0]! & 0xff00) === 0xff00) return undefined; // multicast
  const bytes = new Uint8Array(16);
  g.forEach((x, i) => {
    bytes[2 * i] = x >>> 8;
    bytes[2 * i + 1] = x & 255;
  });
  // The first group (fe80, 2001, fd..) stays: the address keeps its kind.
  const out = (inverse ? cryptoPanInverse : cryptoPan)(keys.ipEncrypt, keys.ipPad, bytes, 16);
  return Array.from({ length: 8 }, (_, i) => (out[2 * i]! << 8) | out[2 * i + 1]!);
}

/** Pseudonyms are written with all eight groups (`fe80:1a2b:0:...`). */
export function pseudonymizeIPv6(keys: PseudonymKeys, addr: string): string | undefined {
  return mapIPv6(keys, addr, false)
    ?.map((x) => x.toString(16))
    .join(':');
}

/** The address (in its short RFC 5952 form) whose pseudonym is `token`. */
export function restoreIPv6(keys: PseudonymKeys, token: string): string | undefined {
  const g = mapIPv6(keys, token, true);
  if (!g) return undefined;
  // the longest run of two or more zero groups becomes `::`
  let best = -1;
  let len = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > len) [best, len] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + len).join(':')}`;
}

/** MAC: the vendor part (OUI) stays, the device part becomes keyed. */
export function pseudonymizeMac(keys: PseudonymKeys, mac: string): string | undefined {
  const sep = mac[2]!;
  const bytes = mac.split(sep).map((h) => parseInt(h, 16));
  if (bytes.every((b) => b === 0) || bytes.every((b) => b === 255)) return undefined;
  const h = keys.prf(`mac:${mac.toLowerCase()}`);
  const out = [...bytes.slice(0, 3), h[1]!, h[2]!, h[3]!];
  const upper = mac === mac.toUpperCase();
  const hex = out.map((b) => b.toString(16).padStart(2, '0')).join(sep);
  return upper ? hex.toUpperCase() : hex;
}
