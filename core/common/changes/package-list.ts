// Installed package lists as bundles hold them: `dpkg-query -W -f='${Package}\t${Version}\t${Status}'`
// and `rpm -qa --last` (linux-host's commands). Name -> version.
import type { PackageChange } from './bundle-diff.js';

export function parseDpkgQuery(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [name, version, status] = line.split('\t');
    if (!name || !version) continue;
    if (status !== undefined && !/ installed$/.test(status.trim())) continue;
    out.set(name.trim(), version.trim());
  }
  return out;
}

/** `openssl-3.0.7-27.el9.x86_64   Tue 12 Nov 2026 10:00:00 AM UTC` -> openssl.x86_64 -> 3.0.7-27.el9 */
export function parseRpmLast(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const nvra = line.trim().split(/\s+/)[0];
    if (!nvra) continue;
    const m = /^(.+)-([^-]+)-([^-]+?)(?:\.([A-Za-z0-9_]+))?$/.exec(nvra);
    if (!m) continue;
    out.set(m[4] ? `${m[1]}.${m[4]}` : m[1]!, `${m[2]}-${m[3]}`);
  }
  return out;
}

export function diffPackages(a: Map<string, string>, b: Map<string, string>): PackageChange[] {
  const out: PackageChange[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name);
    const y = b.get(name);
    if (x === y) continue;
    if (x === undefined) out.push({ name, change: 'added', new: y });
    else if (y === undefined) out.push({ name, change: 'removed', old: x });
    else out.push({ name, change: 'changed', old: x, new: y });
  }
  return out.sort((p, q) => (p.name < q.name ? -1 : p.name > q.name ? 1 : 0));
}
