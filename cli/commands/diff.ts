// `casepack diff OLD.zip NEW.zip`: what differs between two bundles ("it worked last week").
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .argument('<old>', 'the older bundle (.zip)')
    .argument('<new>', 'the newer bundle (.zip)')
    .description(
      'show what differs between two bundles: system report fields, package versions, configuration files',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (oldFile: string, newFile: string, opts: { json?: boolean }) => {
        const d = await ctx.service().diffBundles({ old: oldFile, new: newFile });
        if (opts.json) printJson(d);
        else {
          const { renderBundleDiff } = await import('../changes/render-diff.js');
          process.stdout.write(renderBundleDiff(d));
        }
      }),
    );
}
