// Listening TCP and UDP sockets with the processes that own them. `ss -Htulpn` does the
// inode-to-process mapping in C; without ss (minimal images) /proc/net is parsed directly and the
// owning processes are left out.
import { readSmall } from './proc.js';
import type { SectionContext } from './types.js';

export interface ListeningSocket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  processes?: Array<{ name: string; pid: number }>;
}

function splitHostPort(s: string): { address: string; port: number } | undefined {
  const i = s.lastIndexOf(':');
  if (i < 0) return undefined;
  const port = Number(s.slice(i + 1));
  if (!Number.isInteger(port)) return undefined;
  return { address: s.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port };
}

/** Parse `ss -Htulpn` output. */
export function parseSs(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [netid, , , , local = '', , ...rest] = f;
    if (netid !== 'tcp' && netid !== 'udp') continue;
    const hp = splitHostPort(local);
    if (!hp) continue;
    const procs = [...rest.join(' ').matchAll(/\("([^"]*)",pid=(\d+)/g)].map((m) => ({
      name: m[1] ?? '',
      pid: Number(m[2]),
    }));
    out.push({ protocol: netid, ...hp, ...(procs.length ? { processes: procs } : {}) });
  }
  return out;
}

/** An address from /proc/net (hex, host byte order): 8 digits IPv4, 32 digits IPv6. */
export function hexToIp(hex: string): string {
  if (hex.length === 8) {
    const n = Number.parseInt(hex, 16);
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
  }
  // IPv6: four 32-bit words, each in host (little-endian) byte order.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return compressIpv6(groups);
}

/** RFC 5952 text form: the longest run of two or more zero groups becomes "::". */
export function compressIpv6(groups: number[]): string {
  let best = { start: -1, len: 0 };
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.len < 2) return hex.join(':');
  const head = hex.slice(0, best.start).join(':');
  const tail = hex.slice(best.start + best.len).join(':');
  return `${head}::${tail}`;
}

/** Parse one /proc/net/{tcp,udp}{,6} table for listening sockets. */
export function parseProcNet(text: string, protocol: 'tcp' | 'udp'): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const [local, remote, state] = [f[1], f[2], f[3]];
    if (!local || !remote || !state) continue;
    const listening =
      protocol === 'tcp' ? state === '0A' : state === '07' && /^0+:0000$/.test(remote);
    if (!listening) continue;
    const [ipHex = '', portHex = ''] = local.split(':');
    out.push({ protocol, address: hexToIp(ipHex), port: Number.parseInt(portHex, 16) });
  }
  return out;
}

export async function listeningSockets(ctx: SectionContext): Promise<ListeningSocket[]> {
  const r = await ctx.run(['ss', '-Htulpn'], 3_000);
  if (r.exitCode === 0) return parseSs(r.stdout);
  ctx.note(
    `ss -Htulpn ${r.started ? (r.timedOut ? 'timed out' : 'failed') : 'not available'}: listening sockets read from /proc/net, without owning processes`,
  );
  const tables = await Promise.all(
    (['tcp', 'tcp6', 'udp', 'udp6'] as const).map(async (t) => ({
      t,
      text: await readSmall(`/proc/net/${t}`, 16 * 1024 * 1024),
    })),
  );
  return tables.flatMap(({ t, text }) =>
    text ? parseProcNet(text, t.startsWith('tcp') ? 'tcp' : 'udp') : [],
  );
}
