// `casepack scrub IN_DIR --out OUT_DIR`: redact a folder of files the user attaches by hand, with
// the same rules (and pseudonymisation settings) as a collection.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { action, printJson, say, warn } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('scrub')
    .description(
      'write a redacted copy of every file under IN_DIR to OUT_DIR (same relative paths)',
    )
    .argument('<in_dir>', 'folder to redact')
    .requiredOption('--out <out_dir>', 'where the redacted copies go (created if missing)')
    .option(
      '--pseudonymize <categories>',
      'also pseudonymise: hosts,ips,emails,users,keywords or all',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(
        async (inDir: string, opts: { out: string; pseudonymize?: string; json?: boolean }) => {
          const r = await ctx
            .service()
            .scrub({ inDir, outDir: opts.out, pseudonymize: opts.pseudonymize });
          if (opts.json) printJson(r);
          else {
            const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
            say(`scrubbed ${r.files} file(s) into ${opts.out}: ${total} value(s) redacted`);
            for (const [rule, n] of Object.entries(r.counts).sort())
              say(`  ${rule.padEnd(24)} ${n}`);
            for (const s of r.skipped) say(`  copied untouched (${s.reason}): ${s.path}`);
            for (const s of r.ignored)
              say(`  not a regular file (${s.type}), not copied: ${s.path}`);
          }
          for (const f of r.failed) warn(`${f.path}: ${f.error}; not copied`);
          return r.failed.length > 0 ? 1 : 0;
        },
      ),
    );
}
