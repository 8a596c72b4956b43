// Keyed, prefix-preserving pseudonyms for IP and MAC addresses: two addresses that share their
// first n bits map to pseudonyms that share exactly their first n bits (Crypto-PAn's idea, with
// HMAC-SHA256 as the pseudo-random function), so subnets stay subnets. Private, link-local and
// CGNAT ranges keep their range prefix, public addresses keep their first octet: results stay
// valid addresses of the same kind. Loopback, unspecified, broadcast and netmasks are left alone.
export type Prf = (data: string) => Uint8Array;

function bit(prf: Prf, label: string, prefix: string): number {
  return prf(`${label}:${prefix}`)[0]! & 1;
}

/** Pseudonymise `bits` (a string of 0/1) keeping its first `keep` bits. */
function prefixPreserve(prf: Prf, label: string, bits: string, keep: number): string {
  let out = bits.slice(0, keep);
  for (let i = keep; i < bits.length; i++) {
    const b = Number(bits[i]) ^ bit(prf, label, bits.slice(0, i));
    out += String(b);
  }
  return out;
}

const V4_KEEP: Array<[number, number, number]> = [
  // [network, prefix length, bits kept]
  [0x0a000000, 8, 8], // 10/8
  [0xac100000, 12, 12], // 172.16/12
  [0xc0a80000, 16, 16], // 192.168/16
  [0xa9fe0000, 16, 16], // 169.254/16
  [0x64400000, 10, 10], // 100.64/10 (CGNAT)
];

export function parseIPv4(s: string): number | undefined {
  const p = s.split('.');
  if (p.length !== 4) return undefined;
  let v = 0;
  for (const o of p) {
    if (!/^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(o)) return undefined;
    v = v * 256 + Number(o);
  }
  return v;
}

/** Addresses that identify nothing: loopback, 0.0.0.0/8, broadcast, multicast, netmasks. */
export function isUnremarkableIPv4(v: number): boolean {
  const first = v >>> 24;
  if (first === 0 || first === 127 || first >= 224) return true;
  // a netmask: ones then zeros (255.255.255.0, 255.255.0.0)
  const inv = ~v >>> 0;
  return first === 255 && (inv & (inv + 1)) === 0;
}

export function pseudonymizeIPv4(prf: Prf, addr: string): string | undefined {
  const v = parseIPv4(addr);
  if (v === undefined || isUnremarkableIPv4(v)) return undefined;
  let keep = 8;
  for (const [net, len, k] of V4_KEEP) {
    const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
    if ((v & mask) >>> 0 === net) {
      keep = k;
      break;
    }
  }
  const bits = v.toString(2).padStart(32, '0');
  const out = parseInt(prefixPreserve(prf, 'ip4', bits, keep), 2);
  return [24, 16, 8, 0].map((s) => (out >>> s) & 255).join('.');
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

export function pseudonymizeIPv6(prf: Prf, addr: string): string | undefined {
  const g = parseIPv6(addr);
  if (!g) return undefined;
  if (g.every((x, i) => (i < 7 ? x === 0 : x <= 1))) return undefined; // :: and ::1
  if ((g[0]! & 0xff00) === 0xff00) return undefined; // multicast
  const bits = g.map((x) => x.toString(2).padStart(16, '0')).join('');
  const out = prefixPreserve(prf, 'ip6', bits, 16);
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push(parseInt(out.slice(i * 16, i * 16 + 16), 2).toString(16));
  return groups.join(':');
}

/** MAC: the vendor part (OUI) stays, the device part becomes keyed. */
export function pseudonymizeMac(prf: Prf, mac: string): string | undefined {
  const sep = mac[2]!;
  const bytes = mac.split(sep).map((h) => parseInt(h, 16));
  if (bytes.every((b) => b === 0) || bytes.every((b) => b === 255)) return undefined;
  const h = prf(`mac:${mac.toLowerCase()}`);
  const out = [...bytes.slice(0, 3), h[1]!, h[2]!, h[3]!];
  const upper = mac === mac.toUpperCase();
  const hex = out.map((b) => b.toString(16).padStart(2, '0')).join(sep);
  return upper ? hex.toUpperCase() : hex;
}
