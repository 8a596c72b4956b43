// `casepack pseudonyms lookup TOKEN`: what a pseudonym in a bundle stands for. The mapping lives
// in the data directory of the host that made the bundle, so only that site can answer.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson, say } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('pseudonyms')
    .description('map pseudonyms in bundles back to values (on the host that made them)');
  cmd
    .command('lookup')
    .description('print the value a pseudonym (h-1a2b3c4d, u-..., an IP or MAC) stands for')
    .argument('<token>', 'the pseudonym as it appears in the bundle')
    .option('--json', 'print one JSON object')
    .action(
      action(async (token: string, opts: { json?: boolean }) => {
        const r = await ctx.service().pseudonymLookup({ token });
        if (opts.json) printJson(r);
        else if (r.found.length === 0)
          say(
            r.note ??
              `${token}: not a pseudonym made on this host (data directory ${ctx.service().dataDir})`,
          );
        else
          for (const f of r.found) process.stdout.write(`${f.token}\t${f.category}\t${f.value}\n`);
        return r.found.length > 0 ? 0 : 1;
      }),
    );
}
