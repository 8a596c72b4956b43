// Is a process running whose command line contains all of the given strings (the product's server)?
import { mapLimit, PROC_READS } from '../map-limit.js';
import { listPids, readCmdline } from '../proc.js';
import type { CheckOutcome } from './types.js';

/** PIDs of processes whose command line contains every string (casepack itself excluded). */
export async function findProcesses(argvContains: string[]): Promise<number[]> {
  const pids = (await listPids()).filter((p) => p !== process.pid);
  const hits = await mapLimit(pids, PROC_READS, async (pid) => {
    const line = (await readCmdline(pid)).join(' ');
    return line && argvContains.every((s) => line.includes(s)) ? pid : undefined;
  });
  return hits.filter((p): p is number => p !== undefined).sort((a, b) => a - b);
}

export async function processCheck(spec: { argvContains: string[] }): Promise<CheckOutcome> {
  const pids = await findProcesses(spec.argvContains);
  const what = spec.argvContains.map((s) => JSON.stringify(s)).join(' and ');
  return pids.length
    ? { status: 'pass', message: `running: PID ${pids.join(', ')}`, details: { pids } }
    : {
        status: 'fail',
        message: `no running process with ${what} in its command line`,
        details: { pids },
      };
}
