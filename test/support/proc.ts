// Process facts for tests.
import { readFileSync } from 'node:fs';

/** Running (not a zombie: PID 1 in a container may never reap the orphans a test kills). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
