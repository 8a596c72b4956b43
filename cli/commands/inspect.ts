// `casepack inspect BUNDLE`: what a bundle holds, from its manifest.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { isCasepackError } from '../../core/common/errors.js';
import { EXIT } from '../../core/common/exit-codes.js';
import { action, fail, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('inspect')
    .argument('<bundle>', 'the bundle (.zip)')
    .description(
      'show what a bundle holds: case, host, profiles, time window, counts, every item with its status and reason, redaction counts',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (bundle: string, opts: { json?: boolean }) => {
        // A bundle that is not there or not readable is a failed check (exit 1), like verify's.
        const b = await ctx
          .service()
          .inspectBundle({ bundle })
          .catch((e: unknown) =>
            fail(e, {
              ...opts,
              ...(isCasepackError(e) && e.code !== 'usage' ? { exitCode: EXIT.failed } : {}),
            }),
          );
        if (opts.json) printJson(b);
        else {
          const { renderInspect } = await import('../bundle/views.js');
          process.stdout.write(renderInspect(b));
        }
      }),
    );
}
