// Memory flatness: casepack's peak RSS on a larger tree (default 4 GiB) against the 1 GiB run. The
// bundle streams every byte, so the larger tree must not need more memory (target: within 10%).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { casepackSubject } from './casepack-subject.js';
import { generateTree } from './generate.js';
import { measure, median } from './measure.js';
import type { BenchContext } from './sections.js';

async function peakRss(ctx: BenchContext, treeDir: string, runs: number) {
  const subject = casepackSubject(treeDir, ctx.work, ctx.ce, ctx.help!, ctx.notes);
  const rss: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(ctx.work, 'flat-out');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const s = await measure(subject.spec(out), ctx.work);
    rmSync(out, { recursive: true, force: true });
    if (s.exitCode !== 0)
      throw new Error(`casepack collect failed: ${s.stderr.trim().slice(-400)}`);
    rss.push(s.max_rss_mb);
    walls.push(s.wall_s);
    ctx.log(
      `  ${path.basename(treeDir)}: ${s.wall_s.toFixed(1)} s, ${s.max_rss_mb.toFixed(0)} MB RSS`,
    );
  }
  return { max_rss_mb: median(rss), wall_s: median(walls), runs: rss.length };
}

export async function flatSection(ctx: BenchContext, flatSize: number) {
  const name = 'memory flatness';
  if (!ctx.help) {
    ctx.targets.push({
      name,
      target: 'within 10%',
      value: '-',
      note: 'casepack collect not available',
    });
    return undefined;
  }
  const big = await generateTree(ctx.work, flatSize, ctx.seed);
  const cp = ctx.commands.find((c) => c.name.startsWith('casepack') && c.runs.length);
  const small = cp
    ? { max_rss_mb: cp.max_rss_mb, wall_s: cp.wall_s, runs: cp.runs.length }
    : await peakRss(ctx, ctx.tree.dir, 1);
  const large = await peakRss(ctx, big.dir, 1);
  const ratio = large.max_rss_mb / small.max_rss_mb;
  const gib = (b: number) => `${(b / 1024 ** 3).toFixed(0)} GiB`;
  ctx.rows.push({
    name: `peak RSS, ${gib(big.size)} tree vs ${gib(ctx.size)}`,
    value: `${large.max_rss_mb.toFixed(0)} / ${small.max_rss_mb.toFixed(0)} MB`,
    note: `${large.wall_s.toFixed(1)} s for ${gib(big.size)}`,
  });
  ctx.targets.push({
    name,
    target: `${gib(big.size)} RSS within 10% of ${gib(ctx.size)}`,
    value: `${ratio.toFixed(2)}x`,
    met: ratio <= 1.1,
  });
  return { small: { size: ctx.size, ...small }, large: { size: big.size, ...large }, ratio };
}
