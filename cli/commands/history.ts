// `casepack history`: receipts of delivered bundles (case, target, file, size, sha256, when).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('receipts of delivered bundles, newest first')
    .option('-n, --limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { limit: number; json?: boolean }) => {
        const receipts = await ctx.service().history({ limit: opts.limit });
        if (opts.json) return printJson({ receipts });
        if (!receipts.length) process.stdout.write('nothing delivered yet\n');
        for (const r of receipts)
          process.stdout.write(
            `${r.at}  ${r.caseNumber ? `case ${r.caseNumber}  ` : ''}${r.target}  ${r.file}  ${r.size} bytes  sha256 ${r.sha256}\n` +
              `    ${r.location ?? ''}${r.location ? '  ' : ''}(${r.verified})\n`,
          );
      }),
    );
}
