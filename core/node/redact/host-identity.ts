// What this host is called and where it lives, for the hosts/ips/users pseudonyms and the leak
// check: its names, its DNS domain (hostname -f, /etc/resolv.conf search/domain), its addresses
// and its human accounts (uid >= 1000 in /etc/passwd).
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface HostIdentity {
  names: string[];
  domains: string[];
  addresses: string[];
  users: string[];
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function hostIdentity(): HostIdentity {
  const host = os.hostname();
  const names = new Set<string>([host]);
  const domains = new Set<string>();
  if (host.includes('.')) {
    names.add(host.split('.')[0]!);
    domains.add(host.slice(host.indexOf('.') + 1).toLowerCase());
  }
  for (const line of readOr('/etc/resolv.conf').split('\n')) {
    const m = /^\s*(?:search|domain)\s+(.+)$/.exec(line);
    if (m)
      for (const d of m[1]!.split(/\s+/))
        if (d.includes('.') && d !== 'localdomain') domains.add(d.toLowerCase());
  }
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => a!.address.split('%')[0]!);
  const users = readOr('/etc/passwd')
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length > 3 && Number(f[2]) >= 1000 && Number(f[2]) < 65534)
    .map((f) => f[0]!);
  return {
    names: [...names].filter((n) => n && n !== 'localhost'),
    domains: [...domains],
    addresses,
    users,
  };
}
