// Small reads of /proc, /sys and /etc files. Their stat size is often 0, so read until EOF, but
// never more than a cap: a file that is unexpectedly huge (or a FIFO put in its place) cannot grow
// memory or hang, because the caller's section timeout still applies.
import { constants } from 'node:fs';
import { open, readdir, readlink } from 'node:fs/promises';

/** Below half of Buffer.poolSize: such reads are slices of Node's shared 8 KiB pool. */
const FIRST_READ = 4000;

/** Read up to `maxBytes` of a text file; undefined when it cannot be read. */
export async function readSmall(file: string, maxBytes = 256 * 1024): Promise<string | undefined> {
  let fh;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await fh.stat();
    if (!st.isFile()) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    // Start small and grow: most of these files hold a few hundred bytes, and the report reads
    // several per process. A 64 KiB buffer per read (twice per file, the second to see EOF) was
    // tens of MB of garbage per report that V8 collected only late (peak RSS of collect).
    let size = FIRST_READ;
    while (total < maxBytes) {
      const buf = Buffer.allocUnsafe(Math.min(size, maxBytes - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      size = Math.min(64 * 1024, size * 2);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** `KEY=value` / `KEY="value"` lines (os-release, release files of JDKs). */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m?.[1]) continue;
    out[m[1]] = (m[2] ?? '').replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** Numeric PIDs in /proc. */
export async function listPids(): Promise<number[]> {
  const names = await readdir('/proc');
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

/** A process's argv from /proc/PID/cmdline (empty for kernel threads or when it is gone). */
export async function readCmdline(pid: number): Promise<string[]> {
  const raw = await readSmall(`/proc/${pid}/cmdline`, 64 * 1024);
  if (!raw) return [];
  return raw.replace(/\0$/, '').split('\0');
}

export async function readLinkSafe(p: string): Promise<string | undefined> {
  try {
    return await readlink(p);
  } catch {
    return undefined;
  }
}

/** uid -> user name from /etc/passwd (no NSS lookups: they can hang on a broken LDAP). */
export async function userNames(): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  const text = await readSmall('/etc/passwd', 4 * 1024 * 1024);
  for (const line of text?.split('\n') ?? []) {
    const [name, , uid] = line.split(':');
    if (name && uid && /^\d+$/.test(uid)) map.set(Number(uid), name);
  }
  return map;
}

/** A kernel setting by its sysctl name (`vm.swappiness`), whitespace collapsed. */
export async function readSysctl(name: string): Promise<string | undefined> {
  return (await readSmall(`/proc/sys/${name.replace(/\./g, '/')}`, 4096))
    ?.trim()
    .replace(/\s+/g, ' ');
}
