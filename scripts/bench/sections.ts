// The bench's parts besides the command comparison. Each adds rows to the table, targets with
// met/not met, and its raw figures to the JSON; a part that cannot run here says why instead.
import type { CasepackEnv } from './casepack-subject.js';
import type { CommandResult } from './compare.js';
import { flatSection } from './flat.js';
import type { TreeInfo } from './generate.js';
import { redactorSection } from './redactor-rate.js';
import type { Row, Target } from './report.js';
import { seekSection } from './seek.js';
import { startupSection } from './startup.js';
import { uploadSection } from './upload.js';

export const SECTIONS = ['redactor', 'seek', 'startup', 'upload', 'flat'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchContext {
  work: string;
  tree: TreeInfo;
  size: number;
  seed: number;
  repeat: number;
  ce: CasepackEnv;
  /** `casepack collect --help`, or undefined when collect is not available. */
  help: string | undefined;
  notes: Set<string>;
  commands: CommandResult[];
  log: (s: string) => void;
  rows: Row[];
  targets: Target[];
}

export interface SectionOptions {
  flatSize: number;
  seekSize: number;
  uploadSize: number;
}

/** The bundle targets, from the comparison's medians and paired ratios. */
function bundleTargets(ctx: BenchContext): void {
  const cp = ctx.commands.find((c) => c.name.startsWith('casepack'));
  const zip = ctx.commands.find((c) => c.name.startsWith('zip'));
  const measured = cp && zip && cp.runs.length && zip.runs.length;
  const why = !ctx.commands.length
    ? 'comparison not run'
    : !cp?.runs.length
      ? (cp?.error ?? 'no casepack run')
      : 'no zip run';
  const t = (name: string, target: string, value: string, met: boolean | undefined) =>
    ctx.targets.push(
      measured ? { name, target, value, met } : { name, target, value: '-', note: why },
    );
  t(
    'bundle wall time',
    '<= 0.6x zip -r -6 (aim 0.5x)',
    `${cp?.wall_ratio_to_zip?.toFixed(2)}x`,
    (cp?.wall_ratio_to_zip ?? 9) <= 0.6,
  );
  t(
    'bundle size',
    'within 5% of zip',
    `${cp?.size_ratio_to_zip?.toFixed(3)}x`,
    Math.abs((cp?.size_ratio_to_zip ?? 9) - 1) <= 0.05,
  );
  t(
    'bundle peak RSS',
    '< 200 MB',
    `${cp?.max_rss_mb.toFixed(0)} MB`,
    (cp?.max_rss_mb ?? 1e9) < 200,
  );
}

export async function runSections(
  sections: Section[],
  ctx: BenchContext,
  o: SectionOptions,
): Promise<Record<string, unknown>> {
  bundleTargets(ctx);
  const out: Record<string, unknown> = {};
  for (const s of sections) {
    ctx.log(`${s}:`);
    try {
      if (s === 'redactor') out.redactor = await redactorSection(ctx);
      if (s === 'seek') out.seek = await seekSection(ctx, o.seekSize);
      if (s === 'startup') out.startup = await startupSection(ctx);
      if (s === 'upload') out.upload = await uploadSection(ctx, o.uploadSize);
      if (s === 'flat') out.flat = await flatSection(ctx, o.flatSize);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.notes.add(`${s}: failed: ${msg}`);
      out[s] = { error: msg };
    }
  }
  return out;
}
