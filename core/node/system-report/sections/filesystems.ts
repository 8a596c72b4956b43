// File systems and free space: a full disk or exhausted inodes explain many "the app stopped
// writing logs" cases. Space from systeminformation (local file systems), inodes from `df -i` run
// as a killable child (df can hang on a dead network mount), mount options from /proc/mounts.
import { readSmall } from '../proc.js';
import type { SectionContext, SystemSection } from '../types.js';

/** Used-space percentage from which a file system is listed under `warnings`. */
export const FULL_PERCENT = 90;

async function inodeUse(
  ctx: SectionContext,
): Promise<Map<string, { inodes: number; used: number; usePercent: number }>> {
  const map = new Map<string, { inodes: number; used: number; usePercent: number }>();
  const r = await ctx.run(['df', '-lPi'], 3_000);
  if (r.exitCode === null) {
    ctx.note(`inode usage unknown: df -lPi ${r.timedOut ? 'timed out' : (r.error ?? 'failed')}`);
    return map;
  }
  for (const line of r.stdout.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6) continue;
    const inodes = Number(f[1]);
    const used = Number(f[2]);
    if (!Number.isFinite(inodes) || inodes === 0) continue;
    map.set(f.slice(5).join(' '), {
      inodes,
      used,
      usePercent: Math.round((used / inodes) * 1000) / 10,
    });
  }
  return map;
}

async function mountOptions(): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const text = await readSmall('/proc/mounts', 1024 * 1024);
  for (const line of text?.split('\n') ?? []) {
    const f = line.split(' ');
    if (f[1] && f[3]) map.set(f[1].replace(/\\040/g, ' '), f[3]);
  }
  return map;
}

export const filesystemsSection: SystemSection = {
  id: 'filesystems',
  title: 'File systems and free space',
  timeoutMs: 30_000,
  async collect(ctx) {
    const [[sizes, devices], inodes, options] = await Promise.all([
      Promise.all([ctx.si.call('fsSize'), ctx.si.call('blockDevices')]),
      inodeUse(ctx),
      mountOptions(),
    ]);
    const warnings: string[] = [];
    const filesystems = sizes.map((f) => {
      const ino = inodes.get(f.mount);
      const opts = options.get(f.mount);
      const usePercent = Math.round(f.use * 10) / 10;
      if (usePercent >= FULL_PERCENT) warnings.push(`${f.mount} is ${usePercent}% full`);
      if (ino && ino.usePercent >= FULL_PERCENT)
        warnings.push(`${f.mount} has used ${ino.usePercent}% of its inodes`);
      if (opts?.split(',').includes('ro')) warnings.push(`${f.mount} is mounted read-only`);
      return {
        mount: f.mount,
        device: f.fs,
        type: f.type,
        sizeBytes: f.size,
        usedBytes: f.used,
        availableBytes: f.available,
        usePercent,
        inodes: ino?.inodes,
        inodesUsed: ino?.used,
        inodesUsePercent: ino?.usePercent,
        options: opts,
      };
    });
    return {
      filesystems,
      warnings,
      blockDevices: devices.map((d) => ({
        name: d.name,
        type: d.type,
        sizeBytes: d.size,
        fsType: d.fsType || undefined,
        mount: d.mount || undefined,
        model: d.model || undefined,
        physical: d.physical || undefined,
        removable: d.removable,
      })),
    };
  },
};
