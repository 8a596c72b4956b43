// Network: interfaces and addresses, default route, DNS resolvers, listening ports. Enough to
// answer "is the app listening, and on which address?" and "can this host resolve names?".
import { readSmall } from '../proc.js';
import { hexToIp, listeningSockets } from '../sockets.js';
import type { SystemSection } from '../types.js';

/** Default IPv4 routes from /proc/net/route (destination 0.0.0.0). */
export function parseDefaultRoutes(text: string): Array<{ interface: string; gateway: string }> {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1] === '00000000' && f[7] === '00000000' && f[2])
    .map((f) => ({ interface: f[0] ?? '', gateway: hexToIp(f[2] ?? '0') }));
}

export function parseResolvConf(text: string): {
  nameservers: string[];
  search: string[];
  options: string[];
} {
  const out = { nameservers: [] as string[], search: [] as string[], options: [] as string[] };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line
      .replace(/[#;].*$/, '')
      .trim()
      .split(/\s+/);
    if (key === 'nameserver' && rest[0]) out.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') out.search.push(...rest);
    else if (key === 'options') out.options.push(...rest);
  }
  return out;
}

export const networkSection: SystemSection = {
  id: 'network',
  title: 'Network interfaces and listening ports',
  timeoutMs: 30_000,
  async collect(ctx) {
    const [ifaces, listening, route, resolv] = await Promise.all([
      ctx.si.call('networkInterfaces').then((i) => [i].flat()),
      listeningSockets(ctx),
      readSmall('/proc/net/route'),
      readSmall('/etc/resolv.conf'),
    ]);
    if (resolv === undefined) ctx.note('/etc/resolv.conf not readable: DNS resolvers unknown');
    listening.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
    return {
      interfaces: ifaces.map((i) => ({
        name: i.iface,
        state: i.operstate,
        type: i.type,
        mac: i.mac,
        ipv4: i.ip4 || undefined,
        ipv4Netmask: i.ip4subnet || undefined,
        ipv6: i.ip6 || undefined,
        mtu: i.mtu,
        speedMbps: i.speed,
        dhcp: i.dhcp,
        virtual: i.virtual,
        default: i.default,
      })),
      defaultRoutes: route ? parseDefaultRoutes(route) : [],
      dns: resolv ? parseResolvConf(resolv) : undefined,
      listening,
    };
  },
};
