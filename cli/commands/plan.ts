// `casepack plan`: the dry run. What a collection would take, estimated sizes, what is left out
// and why; opens no file and writes nothing.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { windowOptions, type WindowOpts } from '../collect/options.js';
import { action, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  windowOptions(
    program
      .command('plan')
      .description(
        'show what `collect` would take (estimated sizes) and what it would leave out, and why',
      ),
  ).action(
    action(async (opts: WindowOpts) => {
      const plan = await ctx
        .service()
        .plan({ profiles: opts.profile, since: opts.since, until: opts.until });
      if (opts.json) return printJson(plan);
      const { formatPlan } = await import('../collect/plan-view.js');
      process.stdout.write(formatPlan(plan, { width: process.stdout.columns || 120 }));
    }),
  );
}
