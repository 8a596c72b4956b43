// Uptime and load: when did the host last boot (an unplanned reboot is often the story), and how
// loaded it is relative to its CPUs.
import os from 'node:os';
import { readSmall } from '../proc.js';
import type { SystemSection } from '../types.js';

export const uptimeSection: SystemSection = {
  id: 'uptime',
  title: 'Uptime and load',
  timeoutMs: 20_000,
  async collect(ctx) {
    const uptime = os.uptime();
    const [l1 = 0, l5 = 0, l15 = 0] = os.loadavg();
    const cpus = os.availableParallelism();
    const la = (await readSmall('/proc/loadavg', 256))?.trim().split(/\s+/);
    const [running, total] = la?.[3]?.split('/').map(Number) ?? [];
    if (os.platform() === 'win32') ctx.note('load averages are not available on Windows');
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      uptimeSeconds: Math.round(uptime),
      uptimeHuman: `${Math.floor(uptime / 86400)}d ${Math.floor((uptime % 86400) / 3600)}h ${Math.floor((uptime % 3600) / 60)}m`,
      bootedAt: new Date(Date.now() - uptime * 1000).toISOString(),
      load: { '1m': round(l1), '5m': round(l5), '15m': round(l15) },
      cpus,
      loadPerCpu: { '1m': round(l1 / cpus), '5m': round(l5 / cpus), '15m': round(l15 / cpus) },
      runnableTasks: running,
      totalTasks: total,
    };
  },
};
