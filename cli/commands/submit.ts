// `casepack submit BUNDLE --target NAME`: queue the bundle in the outbox and send it; waits until the
// job finished or failed, never asks (running it is the user's consent; the review came before).
import type { Command } from 'commander';
import { CasepackError, errorMessage, type ErrorInfo } from '../../core/common/errors.js';
import { EXIT } from '../../core/common/exit-codes.js';
// errors.js, not preflight.js: the command's module is loaded for `casepack --help` too.
import { IncompleteCaseError } from '../../core/node/submit/errors.js';
import type { SubmitResult } from '../../core/common/api/submit.js';
import type { CliContext } from '../context.js';
import { action, printJson, say } from '../output.js';
import { showSubmitProgress } from '../submit-progress.js';

interface SubmitFlags {
  target?: string;
  caseFile?: string;
  case?: string;
  ref?: string;
  json?: boolean;
}

export function printSubmitResult(r: SubmitResult): void {
  say(`casepack: ${r.message}`);
  if (r.caseNumber) say(`  case:    ${r.caseNumber}`);
  for (const rc of r.receipts) {
    say(`  file:    ${rc.file} (${rc.size} bytes)`);
    say(`  sha256:  ${rc.sha256}`);
    say(`  where:   ${rc.location ?? rc.target}`);
    say(`  checked: ${rc.verified}`);
  }
  for (const n of r.notes) say(`  note:    ${n}`);
  say(`  job:     ${r.jobId}`);
}

const EXIT_FOR: Partial<Record<ErrorInfo['code'], number>> = {
  usage: EXIT.usage,
  config: EXIT.config,
  case: EXIT.config,
  profile: EXIT.config,
  verify: EXIT.failed,
  leak: EXIT.failed,
  cancelled: EXIT.interrupted,
};

/** Nothing was sent: say why (one JSON object with --json) and pick the exit code. */
function refused(e: unknown, json: boolean | undefined): number {
  const error: ErrorInfo =
    e instanceof CasepackError ? e.toInfo() : { code: 'internal', message: errorMessage(e) };
  if (json) printJson({ status: error.code === 'cancelled' ? 'queued' : 'refused', error });
  process.stderr.write(`casepack: ${error.message}\n`);
  if (!(e instanceof CasepackError) && process.env.CASEPACK_DEBUG && e instanceof Error)
    process.stderr.write(`${e.stack}\n`);
  if (e instanceof IncompleteCaseError) return EXIT.failed;
  return EXIT_FOR[error.code] ?? (e instanceof CasepackError ? EXIT.notDelivered : EXIT.internal);
}

/** Ctrl-C stops the transfer cleanly; the job stays queued and resumes later. */
export function interruptSignal(): AbortSignal {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return ac.signal;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('submit')
    .description(
      'send a bundle to a target (RT, SFTP, e-mail, folder) through the outbox; waits until it is delivered or failed',
    )
    .argument('<bundle>', 'the bundle (.zip) to send')
    .option('-t, --target <name>', 'target from the settings file (default: defaultTarget)')
    .option('--case-file <file>', 'the case (YAML/JSON); default: the case.json inside the bundle')
    .option('--case <number>', 'add to this existing case instead of opening a new one')
    .option('--ref <id>', "the case's reference ID")
    .option('--json', 'print one JSON object (status, caseNumber, receipt)')
    .action(
      action(async (bundle: string, opts: SubmitFlags) => {
        // Until the target confirmed the bytes, any way out of this process means "not delivered".
        process.exitCode = EXIT.notDelivered;
        const service = ctx.service();
        const stop = showSubmitProgress(service);
        let r: SubmitResult;
        try {
          r = await service.submit(
            {
              bundle,
              ...(opts.target ? { target: opts.target } : {}),
              ...(opts.caseFile ? { caseFile: opts.caseFile } : {}),
              ...(opts.case ? { caseNumber: opts.case } : {}),
              ...(opts.ref ? { referenceId: opts.ref } : {}),
            },
            interruptSignal(),
          );
        } catch (e) {
          return refused(e, opts.json);
        } finally {
          stop();
        }
        if (opts.json) printJson(r);
        printSubmitResult(r);
        return r.status === 'done' ? EXIT.ok : EXIT.notDelivered;
      }),
    );
}
