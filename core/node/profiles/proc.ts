// Running processes and their command lines, read from /proc (Linux). Profiles use them to decide
// whether they apply (`appliesWhen.anyProcess`) and to find a server's PID (`vars.X.process`).
import { readdir, readFile } from 'node:fs/promises';

export interface ProcessInfo {
  pid: number;
  argv: string[];
}

/** Every process whose command line we may read (others are silently left out). */
export async function listProcesses(procDir = '/proc'): Promise<ProcessInfo[]> {
  let names: string[];
  try {
    names = await readdir(procDir);
  } catch {
    return [];
  }
  const pids = names
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
  const out: ProcessInfo[] = [];
  for (const pid of pids) {
    try {
      const raw = await readFile(`${procDir}/${pid}/cmdline`);
      if (raw.length === 0) continue; // kernel threads
      out.push({ pid, argv: raw.toString('utf8').replace(/\0$/, '').split('\0') });
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

/** Processes (other than this one and its parent) whose command line contains every string. */
export function matchProcesses(
  procs: readonly ProcessInfo[],
  contains: readonly string[],
): ProcessInfo[] {
  return procs.filter((p) => {
    if (p.pid === process.pid || p.pid === process.ppid) return false;
    const line = p.argv.join(' ');
    return contains.every((s) => line.includes(s));
  });
}
