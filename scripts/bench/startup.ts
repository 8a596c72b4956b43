// Start-up: `casepack --help`, and the system report, measured as the difference between a collect
// of nothing with the system report and the same without it (both end to end, process start to exit).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { casepackSpec, collectArgs } from './casepack-subject.js';
import { measure, median } from './measure.js';
import type { BenchContext } from './sections.js';

async function timed(ctx: BenchContext, args: string[], n: number) {
  const walls: number[] = [];
  const cpus: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await measure(casepackSpec(args, ctx.ce), ctx.work);
    if (s.exitCode !== 0)
      throw new Error(`casepack ${args[0]} exited ${s.exitCode}: ${s.stderr.trim().slice(-400)}`);
    walls.push(s.wall_s);
    cpus.push(s.cpu_s);
    rss.push(s.max_rss_mb);
  }
  return { wall: median(walls), min: Math.min(...walls), cpu: median(cpus), rss: median(rss) };
}

export async function startupSection(ctx: BenchContext) {
  const n = Math.max(5, ctx.repeat);
  const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
  const help = await timed(ctx, ['--help'], n);
  ctx.log(`  casepack --help: ${ms(help.wall)} wall, ${ms(help.cpu)} CPU`);
  ctx.rows.push({
    name: 'casepack --help',
    value: ms(help.wall),
    note: `median of ${n} (fastest ${ms(help.min)}); CPU ${ms(help.cpu)}`,
  });
  // Start-up is one thread on a warm cache: on an idle machine its wall time is its CPU time. On
  // the shared machine the wall time is mostly waiting for a core, so the target is judged on CPU.
  ctx.targets.push({
    name: 'start-up (--help)',
    target: '< 300 ms',
    value: `${ms(help.cpu)} CPU, ${ms(help.wall)} wall`,
    met: help.cpu < 0.3,
    note: 'judged on CPU time',
  });
  if (!ctx.help) {
    ctx.targets.push({
      name: 'system report',
      target: 'about 1 s',
      value: '-',
      note: 'casepack collect not available',
    });
    return { help };
  }
  const profile = path.join(ctx.work, 'bench-empty.yaml');
  writeFileSync(
    profile,
    'name: bench-empty\nfiles:\n  - id: nothing\n    kind: config\n    paths: ["/nonexistent/casepack-bench/*"]\n',
  );
  const out = path.join(ctx.work, 'startup-out');
  mkdirSync(out, { recursive: true });
  const withR = await timed(ctx, collectArgs(ctx.help, profile, out, {}, ctx.notes), n);
  const withoutR = await timed(
    ctx,
    collectArgs(ctx.help, profile, out, { systemReport: false }, ctx.notes),
    n,
  );
  const withReport = withR.wall;
  const without = withoutR.wall;
  const report = withReport - without;
  ctx.log(
    `  collect with the system report only: ${withReport.toFixed(2)} s; without: ${without.toFixed(2)} s`,
  );
  ctx.rows.push(
    {
      name: 'collect: system report only',
      value: `${withReport.toFixed(2)} s`,
      note: `end to end, nothing else to collect; CPU ${withR.cpu.toFixed(2)} s, peak RSS ${withR.rss.toFixed(0)} MB`,
    },
    {
      name: 'collect: nothing at all',
      value: `${without.toFixed(2)} s`,
      note: `the same with --no-system-report; CPU ${withoutR.cpu.toFixed(2)} s, peak RSS ${withoutR.rss.toFixed(0)} MB`,
    },
  );
  ctx.targets.push({
    name: 'system report',
    target: 'about 1 s',
    value: `${report.toFixed(2)} s`,
    met: report <= 1.5,
    note: 'difference of the two collects above',
  });
  return {
    help,
    collect_with_report: withR,
    collect_without_report: withoutR,
    system_report_s: report,
  };
}
