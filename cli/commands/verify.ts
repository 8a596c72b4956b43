// `casepack verify BUNDLE`: recompute every entry's size and sha256 against manifest.json. Exit 0
// when everything matches, 1 when anything does not (each problem names the entry).
import type { Command } from 'commander';
import { EXIT } from '../../core/common/exit-codes.js';
import type { CliContext } from '../context.js';
import { action, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .argument('<bundle>', 'the bundle (.zip)')
    .description(
      'check a bundle against its manifest: every entry present with the same size and sha256, nothing unlisted, zip CRCs intact',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (bundle: string, opts: { json?: boolean }) => {
        const r = await ctx.service().verifyBundle({ bundle });
        if (opts.json) printJson(r);
        else {
          const { renderVerify } = await import('../bundle/views.js');
          process.stdout.write(renderVerify(r));
        }
        return r.ok ? EXIT.ok : EXIT.failed;
      }),
    );
}
