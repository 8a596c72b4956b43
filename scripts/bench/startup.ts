// Start-up: `casepack --help`, and the system report, measured as the difference between a collect
// of nothing with the system report and the same without it (both end to end, process start to exit).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { casepackSpec, collectArgs } from './casepack-subject.js';
import { measure, median } from './measure.js';
import type { BenchContext } from './sections.js';

async function medianWall(ctx: BenchContext, args: string[], n: number) {
  const walls: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await measure(casepackSpec(args, ctx.ce), ctx.work);
    if (s.exitCode !== 0)
      throw new Error(`casepack ${args[0]} exited ${s.exitCode}: ${s.stderr.trim().slice(-400)}`);
    walls.push(s.wall_s);
  }
  return median(walls);
}

export async function startupSection(ctx: BenchContext) {
  const n = Math.max(5, ctx.repeat);
  const help = await medianWall(ctx, ['--help'], n);
  ctx.log(`  casepack --help: ${(help * 1000).toFixed(0)} ms`);
  ctx.rows.push({
    name: 'casepack --help',
    value: `${(help * 1000).toFixed(0)} ms`,
    note: `median of ${n}`,
  });
  ctx.targets.push({
    name: 'start-up (--help)',
    target: '< 300 ms',
    value: `${(help * 1000).toFixed(0)} ms`,
    met: help < 0.3,
  });
  if (!ctx.help) {
    ctx.targets.push({
      name: 'system report',
      target: 'about 1 s',
      value: '-',
      note: 'casepack collect not available',
    });
    return { help_s: help };
  }
  const profile = path.join(ctx.work, 'bench-empty.yaml');
  writeFileSync(
    profile,
    'name: bench-empty\nfiles:\n  - id: nothing\n    kind: config\n    paths: ["/nonexistent/casepack-bench/*"]\n',
  );
  const out = path.join(ctx.work, 'startup-out');
  const withReport = await medianWall(ctx, collectArgs(ctx.help, profile, out, {}, ctx.notes), n);
  const without = await medianWall(
    ctx,
    collectArgs(ctx.help, profile, out, { systemReport: false }, ctx.notes),
    n,
  );
  const report = withReport - without;
  ctx.log(
    `  collect with the system report only: ${withReport.toFixed(2)} s; without: ${without.toFixed(2)} s`,
  );
  ctx.rows.push(
    {
      name: 'collect: system report only',
      value: `${withReport.toFixed(2)} s`,
      note: 'end to end, nothing else to collect',
    },
    {
      name: 'collect: nothing at all',
      value: `${without.toFixed(2)} s`,
      note: 'the same with --no-system-report',
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
    help_s: help,
    collect_with_report_s: withReport,
    collect_without_report_s: without,
    system_report_s: report,
  };
}
