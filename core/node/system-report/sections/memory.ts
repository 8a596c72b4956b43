// Memory and swap, plus the kernel settings that decide how memory pressure ends (overcommit,
// swappiness): the first things L2 reads when a JVM was killed by the OOM killer.
import { readSmall, readSysctl } from '../proc.js';
import type { SystemSection } from '../types.js';

function parseSwaps(text: string | undefined): Array<Record<string, string | number>> {
  const lines = text?.trim().split('\n').slice(1) ?? [];
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      const [device = '', type = '', size = '0', used = '0', priority = '0'] = l
        .trim()
        .split(/\s+/);
      return {
        device,
        type,
        bytes: Number(size) * 1024,
        usedBytes: Number(used) * 1024,
        priority: Number(priority),
      };
    });
}

export const memorySection: SystemSection = {
  id: 'memory',
  title: 'Memory',
  timeoutMs: 30_000,
  async collect(ctx) {
    const mem = await ctx.si.call('mem');
    const pct = (a: number, b: number): number | undefined =>
      b > 0 ? Math.round((a / b) * 1000) / 10 : undefined;
    return {
      totalBytes: mem.total,
      availableBytes: mem.available,
      usedBytes: mem.active,
      freeBytes: mem.free,
      buffersCacheBytes: mem.buffcache,
      usedPercent: pct(mem.total - mem.available, mem.total),
      swapTotalBytes: mem.swaptotal,
      swapUsedBytes: mem.swapused,
      swapUsedPercent: pct(mem.swapused, mem.swaptotal),
      swaps: parseSwaps(await readSmall('/proc/swaps')),
      kernel: {
        'vm.swappiness': await readSysctl('vm.swappiness'),
        'vm.overcommit_memory': await readSysctl('vm.overcommit_memory'),
        'vm.overcommit_ratio': await readSysctl('vm.overcommit_ratio'),
        'vm.max_map_count': await readSysctl('vm.max_map_count'),
        'kernel.shmmax': await readSysctl('kernel.shmmax'),
      },
    };
  },
};
