// The submission service methods every front end calls (CLI, serve, Electron): submit a bundle,
// watch and manage the outbox, read the history, list targets, trust a host key.
import type {
  HostKeyInfo,
  OutboxJob,
  Receipt,
  SubmitArgs,
  SubmitResult,
  TargetInfo,
} from '../../common/api/submit.js';
import { submitArgsSchema } from '../../common/api/submit.js';
import { CasepackError } from '../../common/errors.js';
import type { TypedEmitter } from '../../common/events.js';
import type { Settings } from '../../common/settings/schema.js';
import type { SecretRef } from '../../common/settings/secret-ref.js';
import type { Target } from '../../common/targets/schema.js';
import { toolVersion } from '../version.js';
import { bundleFacts } from './bundle-file.js';
import { loadCaseForSubmit, preflight } from './preflight.js';
import { writeFile } from 'node:fs/promises';
import { readHistory } from './history.js';
import { listJobs, loadJob, lockJob, newJobId, saveJob } from './job-store.js';
import { planSteps } from './plan.js';
import { cancelMarker, runJob, type RunnerDeps } from './runner.js';
import { STEP_RUNNERS } from './runners.js';
import { sftpWhere } from './sftp/connect.js';

export interface SubmitDeps {
  settings(): Promise<{ settings: Settings; file: string }>;
  dataDir: string;
  events: TypedEmitter;
  resolveSecret(ref: SecretRef): Promise<string>;
}

/** How long a waiting submit keeps retrying before it leaves the job queued (default 10 minutes). */
export const DEFAULT_RETRY_WINDOW = 600_000;

export function targetByName(
  settings: Settings,
  name: string | undefined,
  file: string,
): [string, Target] {
  const targets = settings.targets ?? {};
  const chosen = name ?? settings.defaultTarget;
  if (!chosen)
    throw new CasepackError(
      'usage',
      `no target given: use --target NAME (configured: ${Object.keys(targets).join(', ') || 'none'})`,
    );
  const t = targets[chosen];
  if (!t)
    throw new CasepackError(
      'config',
      `no target named "${chosen}" in ${file} (configured: ${Object.keys(targets).join(', ') || 'none'}; see docs/submission.md)`,
      file,
    );
  return [chosen, t];
}

export function runnerDeps(deps: SubmitDeps, settings: Settings): RunnerDeps {
  return {
    dataDir: deps.dataDir,
    settings,
    tool: `casepack ${toolVersion()}`,
    events: deps.events,
    warn: (message) => deps.events.emit('submit:warning', { message }),
    secret: (ref) => deps.resolveSecret(ref),
    runners: STEP_RUNNERS,
  };
}

export function resultOf(job: OutboxJob): SubmitResult {
  const receipt: Receipt | undefined = job.receipts[job.receipts.length - 1];
  const message =
    job.status === 'done'
      ? `delivered: ${receipt?.file} to "${receipt?.target}"${job.caseNumber ? ` (case ${job.caseNumber})` : ''}`
      : job.status === 'queued'
        ? `not delivered yet: ${job.lastError?.message ?? 'waiting'}; the job ${job.id} stays in the outbox (\`casepack outbox retry\`)`
        : job.status === 'partial'
          ? `only partly delivered: ${job.notes[job.notes.length - 1] ?? ''}`
          : `${job.status}: ${job.lastError?.message ?? ''}`;
  return {
    jobId: job.id,
    status: job.status,
    ...(job.caseNumber ? { caseNumber: job.caseNumber } : {}),
    ...(receipt ? { receipt } : {}),
    receipts: job.receipts,
    notes: job.notes,
    ...(job.lastError && job.status !== 'done' ? { error: job.lastError } : {}),
    message,
  };
}

function inBackground(deps: SubmitDeps, jobId: string, run: Promise<OutboxJob>): void {
  run.catch((e: unknown) =>
    deps.events.emit('submit:done', {
      jobId,
      status: 'queued',
      error: e instanceof Error ? e.message : String(e),
    }),
  );
}

function retryWindow(settings: Settings): number {
  return settings.network?.retry?.window ?? DEFAULT_RETRY_WINDOW;
}

export async function submit(
  deps: SubmitDeps,
  input: SubmitArgs,
  signal?: AbortSignal,
): Promise<SubmitResult> {
  const args = submitArgsSchema.parse(input);
  const { settings, file } = await deps.settings();
  const [name, target] = targetByName(settings, args.target, file);
  const bundle = await bundleFacts(args.bundle);
  const c = await loadCaseForSubmit(args, bundle.path);
  // Sent anyway (the user may know better), but said before anything leaves the machine.
  const warnings = await preflight(bundle, c, name, target);
  for (const message of warnings) deps.events.emit('submit:warning', { message });
  const mode = c.mode === 'update' ? 'update' : 'new';
  const caseNumber = typeof c.caseNumber === 'string' ? c.caseNumber : undefined;
  // The same bundle to the same target and case again: resume that job instead of sending twice.
  const { jobs } = await listJobs(deps.dataDir);
  let job = jobs.find(
    (j) =>
      j.bundle.sha256 === bundle.sha256 &&
      j.target === name &&
      j.mode === mode &&
      (mode === 'new' || j.caseNumber === caseNumber) &&
      ['queued', 'running', 'failed'].includes(j.status),
  );
  if (job) {
    job.bundle.path = bundle.path;
    job.status = 'queued';
  } else {
    const now = new Date();
    job = {
      id: newJobId(now),
      formatVersion: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      status: 'queued',
      target: name,
      targetType: target.type,
      bundle,
      case: c,
      mode,
      ...(caseNumber ? { caseNumber } : {}),
      ...(typeof c.referenceId === 'string' ? { referenceId: c.referenceId } : {}),
      steps: planSteps(settings, name, target, bundle.size, mode),
      attempts: 0,
      notes: [],
      receipts: [],
    };
  }
  await saveJob(deps.dataDir, job);
  const run = runJob(runnerDeps(deps, settings), job.id, {
    window: retryWindow(settings),
    signal,
    bundleChecked: true,
  });
  if (args.wait === false) {
    // The UI follows it by events; the job is on disk whatever happens to this process.
    inBackground(deps, job.id, run);
    return { ...resultOf(job), warnings };
  }
  return { ...resultOf(await run), warnings };
}

export async function outboxList(
  deps: SubmitDeps,
  all = false,
): Promise<{ jobs: OutboxJob[]; damaged: string[] }> {
  const r = await listJobs(deps.dataDir);
  return {
    jobs: all ? r.jobs : r.jobs.filter((j) => ['queued', 'running', 'failed'].includes(j.status)),
    damaged: r.damaged,
  };
}

export async function outboxRetry(
  deps: SubmitDeps,
  id: string | undefined,
  signal?: AbortSignal,
  wait = true,
): Promise<SubmitResult[]> {
  const { settings } = await deps.settings();
  const { jobs } = await listJobs(deps.dataDir);
  const pick = id
    ? jobs.filter((j) => j.id === id)
    : jobs.filter((j) => j.status === 'queued' || j.status === 'failed' || j.status === 'running');
  if (id && pick.length === 0) throw new CasepackError('not-found', `no job "${id}" in the outbox`);
  const out: SubmitResult[] = [];
  for (const j of pick) {
    if (j.status === 'done' || j.status === 'cancelled' || j.status === 'partial') {
      out.push(resultOf(j));
      continue;
    }
    const run = runJob(runnerDeps(deps, settings), j.id, { window: retryWindow(settings), signal });
    if (!wait) {
      inBackground(deps, j.id, run);
      out.push(resultOf({ ...j, status: 'queued' }));
    } else out.push(resultOf(await run));
  }
  return out;
}

export function describeTarget(name: string, t: Target, settings: Settings): TargetInfo {
  const where =
    t.type === 'rt'
      ? `${t.url} queue ${t.queue}`
      : t.type === 'sftp'
        ? sftpWhere(t)
        : t.type === 'smtp'
          ? `${Array.isArray(t.to) ? t.to.join(', ') : t.to} via ${t.host}:${t.port ?? 25}`
          : t.path;
  return {
    name,
    type: t.type,
    ...(t.description ? { description: t.description } : {}),
    where,
    ...('largeFiles' in t && t.largeFiles ? { largeFiles: t.largeFiles } : {}),
    isDefault: settings.defaultTarget === name,
    ...(t.type === 'folder' ? { encrypted: !!t.encryptTo } : {}),
  };
}

export async function listTargets(deps: SubmitDeps): Promise<TargetInfo[]> {
  const { settings } = await deps.settings();
  return Object.entries(settings.targets ?? {}).map(([n, t]) => describeTarget(n, t, settings));
}

export type { HostKeyInfo };

/**
 * Cancel a job: at once when no process works on it, else the working process stops within a second
 * (it polls a marker file). The bundle is kept; a partial upload stays on the server as `.part`.
 */
export async function outboxCancel(deps: SubmitDeps, id: string): Promise<OutboxJob> {
  const job = await loadJob(deps.dataDir, id);
  if (job.status === 'done' || job.status === 'partial')
    throw new CasepackError('usage', `job ${id} is already ${job.status}; nothing to cancel`);
  await writeFile(cancelMarker(deps.dataDir, id), new Date().toISOString() + '\n', { mode: 0o600 });
  const lock = await lockJob(deps.dataDir, id);
  if (!lock) return { ...job, status: 'cancelled' };
  try {
    const fresh = await loadJob(deps.dataDir, id);
    fresh.status = 'cancelled';
    await saveJob(deps.dataDir, fresh);
    return fresh;
  } finally {
    await lock.release();
  }
}

export async function history(deps: SubmitDeps, limit?: number): Promise<Receipt[]> {
  return readHistory(deps.dataDir, limit);
}
