// Runs one outbox job to its end: each pending step in order, the job saved after every change, a
// failure that a retry can fix retried with backoff and jitter until the caller's window closes
// (then the job stays queued for `casepack outbox retry`), one that needs a person marked failed.
// The bundle is never deleted or changed by any of this.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboxJob, StepKind } from '../../common/api/submit.js';
import { CasepackError } from '../../common/errors.js';
import type { TypedEmitter } from '../../common/events.js';
import type { Settings } from '../../common/settings/schema.js';
import type { SecretRef } from '../../common/settings/secret-ref.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { hashFile } from './bundle-file.js';
import { asSubmitError, permanent, SubmitError } from './errors.js';
import { appendReceipts } from './history.js';
import { loadJob, lockJob, outboxDir, saveJob } from './job-store.js';
import type { StepContext, StepRunner } from './step.js';

export interface RunnerDeps {
  dataDir: string;
  settings: Settings;
  tool: string;
  events: TypedEmitter;
  warn(msg: string): void;
  secret(ref: SecretRef): Promise<string>;
  runners: Record<StepKind, StepRunner>;
}

export interface RunOptions {
  /** Keep retrying for this long (ms); then leave the job queued. 0: one attempt. */
  window: number;
  signal?: AbortSignal;
  /** The bundle was hashed and checked a moment ago by the caller (a fresh submit). */
  bundleChecked?: boolean;
}

export function cancelMarker(dataDir: string, id: string): string {
  return path.join(outboxDir(dataDir), id, 'cancel');
}

/** The bundle must be the one that was checked when the job was queued. */
async function checkBundleUnchanged(job: OutboxJob): Promise<void> {
  const b = job.bundle;
  let size: number;
  try {
    size = (await stat(b.path)).size;
  } catch {
    throw permanent(
      'not-found',
      `the bundle ${b.path} is gone; the job cannot be sent (cancel it with \`casepack outbox cancel ${job.id}\`)`,
    );
  }
  if (size === b.size && (await hashFile(b.path)) === b.sha256) return;
  throw permanent(
    'verify',
    `the bundle ${b.path} changed after it was queued (its sha256 no longer matches); it is not sent. Collect or verify it again and submit anew`,
  );
}

export async function runJob(deps: RunnerDeps, id: string, opts: RunOptions): Promise<OutboxJob> {
  const lock = await lockJob(deps.dataDir, id);
  if (!lock)
    throw new CasepackError(
      'usage',
      `job ${id} is being sent by another casepack process right now`,
    );
  const deadline = Date.now() + opts.window;
  const local = new AbortController();
  const onOuterAbort = () => local.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const cancelPoll = setInterval(() => {
    if (existsSync(cancelMarker(deps.dataDir, id))) local.abort();
  }, 1000);
  cancelPoll.unref();
  const job = await loadJob(deps.dataDir, id);
  const save = () => saveJob(deps.dataDir, job);
  try {
    if (job.status === 'done' || job.status === 'cancelled' || job.status === 'partial') return job;
    if (!opts.bundleChecked) {
      const problem = await checkBundleUnchanged(job).then(
        () => undefined,
        (e: unknown) => e as CasepackError,
      );
      if (problem) {
        job.status = 'failed';
        job.lastError = problem.toInfo();
        await save();
        deps.events.emit('submit:done', { jobId: id, status: job.status, error: problem.message });
        return job;
      }
    }
    for (;;) {
      if (existsSync(cancelMarker(deps.dataDir, id))) {
        job.status = 'cancelled';
        await save();
        return job;
      }
      job.status = 'running';
      job.nextAttemptAt = undefined;
      await save();
      let partial: string | undefined;
      try {
        for (let i = 0; i < job.steps.length; i++) {
          const step = job.steps[i]!;
          if (step.status === 'done') continue;
          if (local.signal.aborted)
            throw new SubmitError('cancelled', 'cancelled', { retryable: false });
          const ctx: StepContext = {
            job,
            step,
            index: i,
            settings: deps.settings,
            dataDir: deps.dataDir,
            tool: deps.tool,
            save,
            secret: deps.secret,
            warn: deps.warn,
            signal: local.signal,
            progress: (p) => {
              job.progress = {
                step: i,
                kind: step.kind,
                bytesDone: p.bytesDone,
                bytesTotal: p.bytesTotal,
                ...(p.rateBps ? { rateBps: p.rateBps } : {}),
                ...(p.resumedFrom !== undefined ? { resumedFrom: p.resumedFrom } : {}),
              };
              deps.events.emit('submit:progress', {
                jobId: id,
                step: `${step.kind}:${p.phase}`,
                bytesDone: p.bytesDone,
                bytesTotal: p.bytesTotal,
                ...(p.rateBps ? { rateBps: p.rateBps } : {}),
              });
            },
          };
          const out = await deps.runners[step.kind](ctx);
          step.status = 'done';
          step.attempted = false;
          step.doneAt = new Date().toISOString();
          job.receipts.push(...(out.receipts ?? []));
          if (out.then?.length) job.steps.splice(i + 1, 0, ...out.then);
          if (out.partial) partial = out.partial;
          job.notes = [...new Set(job.notes)];
          await save();
        }
        job.status = partial || !job.receipts.length ? 'partial' : 'done';
        if (partial) job.notes.push(partial);
        job.lastError = undefined;
        await save();
        await appendReceipts(deps.dataDir, job.receipts);
        deps.events.emit('submit:done', { jobId: id, status: job.status });
        return job;
      } catch (e) {
        const err =
          local.signal.aborted && !existsSync(cancelMarker(deps.dataDir, id))
            ? new SubmitError(
                'cancelled',
                'interrupted; the job stays in the outbox and resumes with `casepack outbox retry`',
                { retryable: false },
              )
            : asSubmitError(e, `the target "${job.target}"`);
        job.attempts++;
        job.lastError = err.toInfo();
        job.notes = [...new Set(job.notes)];
        if (existsSync(cancelMarker(deps.dataDir, id))) {
          job.status = 'cancelled';
          await save();
          return job;
        }
        if (err.code === 'cancelled') {
          job.status = 'queued';
          await save();
          throw err;
        }
        if (!err.retryable) {
          job.status = 'failed';
          await save();
          deps.events.emit('submit:done', { jobId: id, status: job.status, error: err.message });
          return job;
        }
        const policy = {
          initialDelay: deps.settings.network?.retry?.initialDelay ?? DEFAULT_BACKOFF.initialDelay,
          maxDelay: deps.settings.network?.retry?.maxDelay ?? DEFAULT_BACKOFF.maxDelay,
        };
        const delay = backoffDelay(job.attempts, policy);
        job.status = 'queued';
        job.nextAttemptAt = new Date(Date.now() + delay).toISOString();
        await save();
        if (Date.now() + delay > deadline) return job;
        deps.warn(
          `${err.message}; retrying in ${Math.ceil(delay / 1000)}s (attempt ${job.attempts + 1})`,
        );
        try {
          await sleep(delay, undefined, { signal: local.signal });
        } catch {
          continue; // cancelled or interrupted: the loop head or the next step sees it
        }
      }
    }
  } finally {
    clearInterval(cancelPoll);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await lock.release();
  }
}
