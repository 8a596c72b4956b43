// `collect --nice`: run at low CPU and I/O priority so the collection yields to the product it is
// diagnosing. On Linux both priorities belong to each thread, not to the process: a thread created
// later inherits them from the thread that creates it, but threads that exist already (libuv's pool,
// started by the first file read) keep theirs. So every thread in /proc/self/task is lowered, and
// the commands casepack runs inherit the lowered priorities from the main thread.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';

/** Niceness for `--nice` (0 normal, 19 lowest): low enough to yield, high enough to finish. */
export const NICE_LEVEL = 10;
/** ionice best-effort class (2), lowest level (7): still served when the disk is idle or busy. */
const IONICE_ARGS = ['-c', '2', '-n', '7'];

export interface PriorityResult {
  /** The niceness set, when it could be set. */
  nice?: number;
  /** The I/O priority set (e.g. "best-effort 7"), when it could be set. */
  io?: string;
  /** What could not be lowered, and why (plain words for the user). */
  notes: string[];
}

async function threadIds(): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  try {
    return (await readdir('/proc/self/task')).map(Number).filter((n) => n > 0);
  } catch {
    return [];
  }
}

function ionice(tids: number[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'ionice',
      [...IONICE_ARGS, '-p', ...tids.map(String)],
      { timeout: 5000 },
      (err, _o, stderr) => resolve(err ? (stderr.trim() || err.message).split('\n')[0] : undefined),
    );
  });
}

/** Lowers this process's CPU priority (every thread) and, on Linux with `ionice`, its I/O priority. */
export async function lowerPriority(nice = NICE_LEVEL): Promise<PriorityResult> {
  const res: PriorityResult = { notes: [] };
  const tids = await threadIds();
  try {
    if (tids.length) {
      for (const tid of tids) {
        try {
          os.setPriority(tid, nice);
        } catch (e) {
          // A thread that ended since the listing is fine; anything else is reported below.
          if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
        }
      }
    } else os.setPriority(nice);
    res.nice = nice;
  } catch (e) {
    res.notes.push(`could not lower the CPU priority: ${(e as Error).message}`);
  }
  if (process.platform === 'linux') {
    const err = await ionice(tids.length ? tids : [process.pid]);
    if (err === undefined) res.io = 'best-effort 7';
    else
      res.notes.push(
        /ENOENT|not found/i.test(err)
          ? 'could not lower the I/O priority: `ionice` (util-linux) is not installed'
          : `could not lower the I/O priority: ${err}`,
      );
  }
  return res;
}
