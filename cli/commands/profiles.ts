// `casepack profiles`: the shipped profiles and whether each applies on this host.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('profiles')
    .description('list the shipped profiles and whether each applies on this host')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { json?: boolean }) => {
        const { profiles: list } = await ctx.service().profiles();
        if (opts.json) return printJson({ profiles: list });
        const w = Math.max(4, ...list.map((p) => p.name.length));
        for (const p of list) {
          const mark = p.error ? 'broken' : p.applies ? 'applies' : '-';
          process.stdout.write(`${p.name.padEnd(w)}  ${mark.padEnd(7)}  ${p.description ?? ''}\n`);
          process.stdout.write(`${''.padEnd(w)}  ${''.padEnd(7)}  ${p.error ?? p.reason}\n`);
        }
      }),
    );
}
