// How long the system report takes on this machine: `npx tsx scripts/bench/system-report.ts [runs]`.
// Each run is a fresh process-like pass over every section into a hashing sink (no zip), so the
// figure is the report's own time. Prints every run, the median, and the slowest sections.
import os from 'node:os';
import { identitySession } from '../../core/node/redact/identity.js';
import { writeSystemReport } from '../../core/node/system-report/write-report.js';
import { MemorySink } from '../../test/support/memory-sink.js';

const runs = Number(process.argv[2] ?? 10);
const totals: number[] = [];
const cpu: number[] = [];
const perSection = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await writeSystemReport(new MemorySink(), identitySession());
  const ms = Math.round(performance.now() - t0);
  const c = process.cpuUsage(c0);
  // CPU of this process (its worker threads included), not of the commands it runs.
  const cpuMs = Math.round((c.user + c.system) / 1000);
  totals.push(ms);
  cpu.push(cpuMs);
  for (const s of r.sections) perSection.set(s.id, [...(perSection.get(s.id) ?? []), s.durationMs]);
  const failed = r.sections.filter((s) => s.status === 'failed').map((s) => s.id);
  console.log(
    `run ${i + 1}: ${ms} ms wall, ${cpuMs} ms CPU${failed.length ? ` (failed: ${failed.join(', ')})` : ''}`,
  );
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
console.log(
  `median of ${runs}: ${median(totals)} ms wall (min ${Math.min(...totals)}, max ${Math.max(...totals)}), ${median(cpu)} ms CPU; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.availableParallelism()} CPUs`,
);
const slow = [...perSection].map(([id, v]) => [id, median(v)] as const).sort((a, b) => b[1] - a[1]);
console.log(`sections (median ms): ${slow.map(([id, v]) => `${id} ${v}`).join(', ')}`);
