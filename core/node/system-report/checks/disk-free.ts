// Free space on the file system that holds a path, against a threshold. statfs reports the space
// an unprivileged process may use (bavail), which is what a product running as its own user gets.
import { statfs } from 'node:fs/promises';
import { formatBytes } from '../../../common/units.js';
import { readSmall } from '../proc.js';
import type { CheckOutcome } from './types.js';

/** The mount point holding `p` (longest prefix in /proc/mounts), for the message. */
async function mountOf(p: string): Promise<string | undefined> {
  const text = await readSmall('/proc/mounts', 1024 * 1024);
  let best: string | undefined;
  for (const line of text?.split('\n') ?? []) {
    const mount = line.split(' ')[1]?.replace(/\\040/g, ' ');
    if (!mount) continue;
    const inside = mount === '/' || p === mount || p.startsWith(`${mount}/`);
    if (inside && (!best || mount.length > best.length)) best = mount;
  }
  return best;
}

export async function diskFreeCheck(spec: {
  path: string;
  minFreePercent?: number;
  minFreeBytes?: number;
}): Promise<CheckOutcome> {
  let st;
  try {
    st = await statfs(spec.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      status: code === 'ENOENT' ? 'skipped' : 'error',
      message:
        code === 'ENOENT'
          ? `${spec.path} does not exist`
          : `cannot check ${spec.path}: ${code ?? String(e)}`,
    };
  }
  const total = st.blocks * st.bsize;
  const free = st.bavail * st.bsize;
  const freePercent = total > 0 ? Math.round((free / total) * 1000) / 10 : 0;
  const mount = await mountOf(spec.path);
  const details = {
    path: spec.path,
    mount,
    totalBytes: total,
    freeBytes: free,
    freePercent,
    minFreePercent: spec.minFreePercent,
    minFreeBytes: spec.minFreeBytes,
    inodesFree: st.ffree,
  };
  const where = `${spec.path}${mount && mount !== spec.path ? ` (on ${mount})` : ''}`;
  const figures = `${formatBytes(free)} free of ${formatBytes(total)} (${freePercent}%)`;
  const tooLittle =
    (spec.minFreePercent !== undefined && freePercent < spec.minFreePercent) ||
    (spec.minFreeBytes !== undefined && free < spec.minFreeBytes);
  if (tooLittle) {
    const want = [
      spec.minFreePercent !== undefined ? `${spec.minFreePercent}%` : undefined,
      spec.minFreeBytes !== undefined ? formatBytes(spec.minFreeBytes) : undefined,
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      status: 'fail',
      message: `${where}: only ${figures}; needs at least ${want}`,
      details,
    };
  }
  return { status: 'pass', message: `${where}: ${figures}`, details };
}
