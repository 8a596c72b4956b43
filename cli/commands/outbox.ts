// `casepack outbox`: the jobs waiting, running or failed; retry them; cancel one.
import type { Command } from 'commander';
import type { OutboxJob } from '../../core/common/api/submit.js';
import { EXIT } from '../../core/common/exit-codes.js';
import { formatBytes } from '../../core/common/units.js';
import type { CliContext } from '../context.js';
import { action, printJson, say } from '../output.js';
import { showSubmitProgress } from '../submit-progress.js';
import { interruptSignal, printSubmitResult } from './submit.js';

function line(j: OutboxJob): string {
  const step = j.steps.find((s) => s.status === 'pending');
  const p = j.progress;
  const progress = p && p.bytesTotal ? ` ${Math.floor((100 * p.bytesDone) / p.bytesTotal)}%` : '';
  const next = j.status === 'queued' && j.nextAttemptAt ? ` next try ${j.nextAttemptAt}` : '';
  return (
    `${j.id}  ${j.status.padEnd(9)} ${j.target} ${j.bundle.name} (${formatBytes(j.bundle.size)})` +
    `${j.caseNumber ? ` case ${j.caseNumber}` : ''}${step ? ` [${step.kind}${progress}]` : ''}${next}` +
    `${j.lastError && j.status !== 'done' ? `\n    last error: ${j.lastError.message}` : ''}`
  );
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('outbox')
    .description('submissions waiting to be sent, running or failed (list, retry, cancel)');
  const list = cmd
    .command('list', { isDefault: true })
    .description('list the jobs (default: waiting, running and failed ones)')
    .option('--all', 'include delivered and cancelled jobs')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { all?: boolean; json?: boolean }) => {
        const r = await ctx.service().outboxList({ all: opts.all === true });
        if (opts.json) return printJson(r);
        if (!r.jobs.length) process.stdout.write('the outbox is empty\n');
        for (const j of r.jobs) process.stdout.write(line(j) + '\n');
        for (const d of r.damaged) process.stdout.write(`${d}  damaged (job.json unreadable)\n`);
      }),
    );
  void list;
  cmd
    .command('retry')
    .description(
      'send the waiting and failed jobs now (or one job); waits until each finished or failed',
    )
    .argument('[id]', 'one job')
    .option('--json', 'print one JSON object')
    .action(
      action(async (id: string | undefined, opts: { json?: boolean }) => {
        process.exitCode = EXIT.notDelivered;
        const service = ctx.service();
        const stop = showSubmitProgress(service);
        try {
          const results = await service.outboxRetry(id ? { id } : {}, interruptSignal());
          if (opts.json) printJson({ results });
          if (!results.length) say('casepack: nothing to retry');
          results.forEach(printSubmitResult);
          return results.every((r) => r.status === 'done') ? EXIT.ok : EXIT.notDelivered;
        } finally {
          stop();
        }
      }),
    );
  cmd
    .command('cancel')
    .description('stop a job and remove it from the queue (the bundle is kept)')
    .argument('<id>', 'the job')
    .option('--json', 'print one JSON object')
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const job = await ctx.service().outboxCancel({ id });
        if (opts.json) printJson({ id: job.id, status: job.status });
        else process.stdout.write(`${job.id} cancelled; the bundle stays at ${job.bundle.path}\n`);
      }),
    );
}
