// `casepack snapshot`: a redacted baseline of the profiles' configuration files, so that a later
// collection shows exactly what changed since (unified diffs under changes/ in the bundle).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson, say } from '../output.js';

const repeat = (v: string, prev: string[] = []) => [...prev, v];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('snapshot')
    .description(
      "record a redacted baseline of the profile's configuration files; later collections show what changed since",
    )
    .option(
      '--profile <name|file>',
      'shipped profile name or profile file; repeat for more',
      repeat,
    )
    .option('--keep <n>', 'baselines kept per profile (default 5)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { profile?: string[]; keep?: number; json?: boolean }) => {
        const r = await ctx.service().snapshot({
          profiles: opts.profile,
          ...(opts.keep !== undefined ? { keep: opts.keep } : {}),
        });
        if (opts.json) return printJson(r);
        for (const b of r.baselines) {
          process.stdout.write(
            `${b.profile}: baseline of ${b.files} configuration files in ${b.dir}\n` +
              `  ${b.stored} kept as redacted text, ${b.checksumOnly} as checksums only (binary or large)` +
              `${b.pruned ? `; ${b.pruned} older baselines removed` : ''}\n`,
          );
          for (const u of b.unreadable)
            process.stdout.write(`  not recorded: ${u.path}: ${u.reason}\n`);
        }
        for (const n of r.notes) say(n);
      }),
    );
}
