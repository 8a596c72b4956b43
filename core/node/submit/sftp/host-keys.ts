// SSH host keys: the pinned key in the settings, or the one remembered in `<data dir>/known_hosts`
// (OpenSSH's format: `[host]:port type base64`) after the user compared its fingerprint once.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../job-store.js';

export interface HostKey {
  algorithm: string;
  /** The key blob, base64, as in known_hosts. */
  base64: string;
  fingerprint: string;
}

export function describeKey(blob: Buffer): HostKey {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const algorithm = len > 0 && len < 64 ? blob.subarray(4, 4 + len).toString('latin1') : 'unknown';
  return {
    algorithm,
    base64: blob.toString('base64'),
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
  };
}

/** Does a pinned `ssh-ed25519 AAAA...` line or `SHA256:...` fingerprint name this key? */
export function matchesPin(pin: string, key: HostKey): boolean {
  const p = pin.trim();
  if (/^SHA256:/i.test(p)) return p.replace(/=+$/, '') === key.fingerprint;
  const parts = p.split(/\s+/);
  const b64 = parts.length >= 2 ? parts[1] : parts[0];
  return b64 === key.base64;
}

export function knownHostsFile(dataDir: string): string {
  return path.join(dataDir, 'known_hosts');
}

function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The remembered key for host:port, if any. */
export async function rememberedKey(
  dataDir: string,
  host: string,
  port: number,
): Promise<{ algorithm: string; base64: string } | undefined> {
  let text: string;
  try {
    text = await readFile(knownHostsFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const want = hostPattern(host, port);
  for (const line of text.split('\n')) {
    const [hosts, algorithm, base64] = line.trim().split(/\s+/);
    if (!hosts || !algorithm || !base64 || hosts.startsWith('#')) continue;
    if (hosts.split(',').includes(want)) return { algorithm, base64 };
  }
  return undefined;
}

/** Remember (or replace) the key for host:port. */
export async function rememberKey(
  dataDir: string,
  host: string,
  port: number,
  key: HostKey,
): Promise<void> {
  const file = knownHostsFile(dataDir);
  const want = hostPattern(host, port);
  const text = await readFile(file, 'utf8').catch(() => '');
  let lines = text.split('\n').filter((l) => l.trim());
  lines = lines.filter((l) => !(l.trim().split(/\s+/)[0] ?? '').split(',').includes(want));
  lines.push(`${want} ${key.algorithm} ${key.base64}`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, lines.join('\n') + '\n', 0o644);
}
