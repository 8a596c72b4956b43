// Runs every subject on the same tree, interleaved (zip, tar, pigz, casepack, zip, ...) so that a
// burst of load on the shared machine hits all of them alike, and takes the median of each figure.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { measure, median, type Sample } from './measure.js';
import type { Subject } from './subjects.js';

export interface CommandResult {
  name: string;
  command: string;
  runs: Array<Omit<Sample, 'stdout' | 'stderr'> & { output_bytes: number }>;
  wall_s: number;
  cpu_s: number;
  max_rss_mb: number;
  output_bytes: number;
  /** casepack only: CPU seconds of Node's main thread, the part that cannot use a second core. */
  main_thread_cpu_s?: number;
  /** Throughput over the input tree, MB/s (10^6 bytes per wall second). */
  mb_per_s: number;
  wall_ratio_to_zip?: number;
  cpu_ratio_to_zip?: number;
  size_ratio_to_zip?: number;
  rss_ratio_to_zip?: number;
  /**
   * What the wall time would be on an idle machine, from CPU times: the main thread's serial work
   * or the whole CPU time spread over every core, whichever is longer (casepack only).
   */
  idle_estimate_s?: number;
  /** idle_estimate_s over zip's CPU time (zip is one thread: idle, its wall time is its CPU time). */
  idle_ratio_to_zip?: number;
  error?: string;
}

export async function compare(
  subjects: Subject[],
  o: {
    repeat: number;
    work: string;
    inputBytes: number;
    cores: number;
    notes: Set<string>;
    log: (s: string) => void;
  },
): Promise<CommandResult[]> {
  const runs = new Map<string, CommandResult['runs']>(subjects.map((s) => [s.name, []]));
  const errors = new Map<string, string>();
  const scratch = path.join(o.work, 'scratch');
  mkdirSync(scratch, { recursive: true });
  for (let rep = 1; rep <= o.repeat; rep++) {
    for (const s of subjects) {
      if (errors.has(s.name)) continue;
      const outDir = path.join(o.work, 'out');
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      const sample = await measure(s.spec(outDir), scratch);
      if (sample.exitCode !== 0) {
        const why = (sample.stderr || sample.stdout).trim().split('\n').slice(-3).join(' / ');
        errors.set(s.name, `exit ${sample.exitCode}: ${why}`);
        o.log(`  ${s.name}: failed (${errors.get(s.name)})`);
        continue;
      }
      const output_bytes = s.outputBytes(outDir);
      if (rep === 1) for (const n of s.inspect?.(outDir) ?? []) o.notes.add(n);
      const { stdout: _o, stderr: _e, ...figures } = sample;
      runs.get(s.name)!.push({ ...figures, output_bytes });
      o.log(
        `  run ${rep}/${o.repeat} ${s.name}: ${sample.wall_s.toFixed(2)} s wall, ${sample.cpu_s.toFixed(2)} s CPU, ${sample.max_rss_mb.toFixed(0)} MB RSS`,
      );
      rmSync(outDir, { recursive: true, force: true });
    }
  }
  const results: CommandResult[] = subjects.map((s) => {
    const r = runs.get(s.name)!;
    const wall = r.length ? median(r.map((x) => x.wall_s)) : NaN;
    return {
      name: s.name,
      command: s.describe,
      runs: r,
      wall_s: wall,
      cpu_s: r.length ? median(r.map((x) => x.cpu_s)) : NaN,
      max_rss_mb: r.length ? median(r.map((x) => x.max_rss_mb)) : NaN,
      output_bytes: r.length ? median(r.map((x) => x.output_bytes)) : NaN,
      ...(r.some((x) => x.main_thread_cpu_s !== undefined)
        ? { main_thread_cpu_s: median(r.map((x) => x.main_thread_cpu_s ?? NaN)) }
        : {}),
      mb_per_s: o.inputBytes / 1e6 / wall,
      ...(errors.has(s.name) ? { error: errors.get(s.name) } : {}),
    };
  });
  const zip = results.find((r) => r.name.startsWith('zip') && !r.error && r.runs.length);
  if (zip)
    for (const r of results) {
      if (!r.runs.length) continue;
      r.wall_ratio_to_zip = pairedRatio(r, zip, 'wall_s');
      r.cpu_ratio_to_zip = pairedRatio(r, zip, 'cpu_s');
      r.size_ratio_to_zip = r.output_bytes / zip.output_bytes;
      r.rss_ratio_to_zip = r.max_rss_mb / zip.max_rss_mb;
      if (r.main_thread_cpu_s !== undefined) {
        r.idle_estimate_s = Math.max(r.main_thread_cpu_s, r.cpu_s / o.cores);
        r.idle_ratio_to_zip = r.idle_estimate_s / zip.cpu_s;
      }
    }
  return results;
}

/**
 * The median of the ratios of runs made back to back (repetition i of both), which cancels most of
 * the load other users put on the machine; the ratio of medians when a run is missing.
 */
function pairedRatio(a: CommandResult, b: CommandResult, k: 'wall_s' | 'cpu_s'): number {
  if (a.runs.length !== b.runs.length) return a[k] / b[k];
  return median(a.runs.map((x, i) => x[k] / b.runs[i]![k]));
}
