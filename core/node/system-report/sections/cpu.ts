// CPU: model, cores, and how busy it is right now (a 250 ms sample of /proc/stat, including
// iowait and steal: steal is what tells a VM's owner that the host is overcommitted).
import os from 'node:os';
import { readSmall } from '../proc.js';
import type { SystemSection } from '../types.js';

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

async function cpuTimes(): Promise<number[] | undefined> {
  const stat = await readSmall('/proc/stat', 64 * 1024);
  const line = stat?.split('\n').find((l) => l.startsWith('cpu '));
  return line
    ?.trim()
    .split(/\s+/)
    .slice(1, FIELDS.length + 1)
    .map(Number);
}

/** Percent of all CPU time per field over `ms`. */
export async function sampleCpu(ms: number): Promise<Record<string, number> | undefined> {
  const a = await cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = await cpuTimes();
  if (!a || !b) return undefined;
  const d = b.map((v, i) => v - (a[i] ?? 0));
  const total = d.reduce((s, v) => s + v, 0);
  if (total <= 0) return undefined;
  const pct = (v: number): number => Math.round((v / total) * 1000) / 10;
  const out: Record<string, number> = {};
  FIELDS.forEach((f, i) => (out[f] = pct(d[i] ?? 0)));
  out.busy = Math.round((100 - (out.idle ?? 0) - (out.iowait ?? 0)) * 10) / 10;
  return out;
}

export const cpuSection: SystemSection = {
  id: 'cpu',
  title: 'CPU',
  timeoutMs: 30_000,
  quiet: true,
  async collect(ctx) {
    // Sample first, then start the systeminformation worker, so the sample does not measure it.
    const usage = os.platform() === 'linux' ? await sampleCpu(300) : undefined;
    const info = await ctx.si.call('cpu');
    if (!usage) ctx.note('current CPU usage unknown (/proc/stat not readable)');
    return {
      manufacturer: info.manufacturer,
      brand: info.brand,
      model: os.cpus()[0]?.model,
      family: info.family,
      stepping: info.stepping,
      speedGHz: info.speed || undefined,
      speedMaxGHz: info.speedMax || undefined,
      logicalCpus: info.cores,
      physicalCores: info.physicalCores,
      sockets: info.processors,
      virtualization: info.virtualization,
      cache: info.cache,
      flags: info.flags,
      usagePercentSample: usage,
    };
  },
};
