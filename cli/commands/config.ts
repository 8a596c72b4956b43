// `casepack config`: where the settings file is and whether it is valid.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('config').description('show where the settings file is and check it');
  cmd
    .command('path')
    .description(
      'print the settings file in use (--config, else CASEPACK_CONFIG, else the per-user default)',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { json?: boolean }) => {
        const s = await ctx.service().settings();
        if (opts.json) printJson({ file: s.file, source: s.source, exists: s.exists });
        else process.stdout.write(`${s.file}${s.exists ? '' : ' (does not exist yet)'}\n`);
      }),
    );
  cmd
    .command('check')
    .description('validate the settings file; errors name the line and key')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { json?: boolean }) => {
        const s = await ctx.service().settings();
        if (opts.json) printJson({ file: s.file, valid: true, exists: s.exists });
        else
          process.stdout.write(
            `${s.file}: ${s.exists ? 'valid' : 'not present (defaults apply)'}\n`,
          );
      }),
    );
}
