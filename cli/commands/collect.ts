// `casepack collect`: profiles -> plan -> (ask, on a terminal) -> bundle. Exit 0 whenever a bundle
// was written, even if some items failed (the manifest says which); 3 when none could be written.
import type { Command } from 'commander';
import { isCasepackError, type ErrorCode } from '../../core/common/errors.js';
import { EXIT } from '../../core/common/exit-codes.js';
import { formatBytes } from '../../core/common/units.js';
import type { CliContext } from '../context.js';
import { windowOptions, type WindowOpts } from '../collect/options.js';
import { action, fail, printJson, say, warn } from '../output.js';

interface CollectOpts extends WindowOpts {
  caseFile?: string;
  case?: string;
  ref?: string;
  set: string[];
  changesRoot?: string;
  out?: string;
  yes?: boolean;
  systemReport?: boolean;
  nice?: boolean;
  pseudonymize?: string;
}

/** Errors that mean "you asked for something wrong" keep their own exit code; the rest: no bundle. */
const OWN_EXIT: Partial<Record<ErrorCode, number>> = {
  usage: EXIT.usage,
  config: EXIT.config,
  profile: EXIT.config,
  case: EXIT.config,
  cancelled: EXIT.interrupted,
};

export function register(program: Command, ctx: CliContext): void {
  windowOptions(
    program
      .command('collect')
      .description(
        'collect logs, configuration, command output and the system report into one verifiable bundle',
      ),
  )
    .option('--case-file <file>', 'the case (YAML or JSON) to put into the bundle as case.json')
    .option('--case <number>', 'an existing case number: the bundle is an update of that case')
    .option('--ref <id>', "the existing case's reference ID")
    .option(
      '--set <field=value>',
      'set a case field (dotted, e.g. contact.email=a@b.example), over --case-file (repeatable)',
      repeat,
      [],
    )
    .option(
      '--changes-root <dir>',
      "read package history, cron jobs and services for recent changes from another system's root",
    )
    .option(
      '--out <dir>',
      'where to write the bundle (default: settings collect.outDir, else the current directory)',
    )
    .option('--yes', 'do not ask before collecting (never asked without a terminal)')
    .option('--no-system-report', 'leave the system report out')
    .option('--nice', 'run at low CPU and I/O priority, so the product on this server comes first')
    .option(
      '--pseudonymize <categories>',
      'replace identifying values by keyed pseudonyms: hosts,ips,emails,users,keywords, all or none (default: settings redaction.pseudonymize)',
    )
    .action(
      action(async (opts: CollectOpts) => {
        if (opts.nice) {
          const { lowerPriority } = await import('../../core/node/process-priority.js');
          const p = await lowerPriority();
          for (const n of p.notes) warn(n);
        }
        const svc = ctx.service();
        const args = {
          caseFile: opts.caseFile,
          caseNumber: opts.case,
          referenceId: opts.ref,
          set: opts.set,
          changesRoot: opts.changesRoot,
          profiles: opts.profile,
          since: opts.since,
          until: opts.until,
          outDir: opts.out,
          systemReport: opts.systemReport !== false,
          pseudonymize: opts.pseudonymize,
        };
        if (process.stdin.isTTY && process.stderr.isTTY && !opts.yes) {
          const plan = await svc.plan({
            profiles: args.profiles,
            since: args.since,
            until: args.until,
          });
          const { formatPlan } = await import('../collect/plan-view.js');
          process.stderr.write(formatPlan(plan, { width: process.stderr.columns || 120 }));
          const { confirm } = await import('@inquirer/prompts');
          const ok = await confirm(
            { message: 'Collect this into a bundle?', default: true },
            { output: process.stderr },
          );
          if (!ok) {
            say('Nothing collected.');
            return EXIT.interrupted;
          }
        }
        const ac = new AbortController();
        let interrupts = 0;
        const onSigint = () => {
          if (++interrupts > 1) process.exit(EXIT.interrupted);
          say('\nStopping: the partial bundle is removed (Ctrl-C again to quit at once).');
          ac.abort();
        };
        process.on('SIGINT', onSigint);
        const { showProgress } = await import('../collect/progress.js');
        const stop = await showProgress(svc.events, Boolean(process.stderr.isTTY) && !opts.json);
        let res;
        try {
          res = await svc.collect(args, { signal: ac.signal });
        } catch (e) {
          stop();
          const code = isCasepackError(e) ? OWN_EXIT[e.code] : undefined;
          return fail(e, { json: opts.json, exitCode: code ?? EXIT.noBundle });
        } finally {
          process.off('SIGINT', onSigint);
        }
        stop();
        for (const w of res.warnings) warn(w);
        if (res.releasable === false) {
          const { formatLeakWarning } = await import('../collect/leak-view.js');
          process.stderr.write(formatLeakWarning(res));
        }
        // A bundle the leak check refused is kept for review but is not a success (exit 1, as verify).
        const code = res.releasable === false ? EXIT.failed : EXIT.ok;
        if (opts.json) {
          printJson(res);
          return code;
        }
        const s = res.summary;
        say(
          `Bundle written (${formatBytes(res.size)}): ${s.collected} collected, ${s.truncated} truncated, ${s.skipped} skipped, ${s.failed} failed.`,
        );
        say(`Check it with: casepack verify ${res.bundle}`);
        process.stdout.write(`${res.bundle}\n`);
        return code;
      }),
    );
}

function repeat(v: string, prev: string[]): string[] {
  return [...prev, v];
}
