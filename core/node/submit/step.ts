// What a step of an outbox job gets to work with, and what it hands back. Steps are idempotent: they
// record what they learned in `step.result` (saved at once) and, when run again after a crash, start
// from there instead of repeating a request the server may already have carried out.
import type { JobStep, OutboxJob, Receipt, StepKind } from '../../common/api/submit.js';
import type { Settings } from '../../common/settings/schema.js';
import type { SecretRef } from '../../common/settings/secret-ref.js';
import type { Target } from '../../common/targets/schema.js';
import { permanent } from './errors.js';

export interface StepProgress {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
  rateBps?: number;
  resumedFrom?: number;
}

export interface StepContext {
  job: OutboxJob;
  step: JobStep;
  index: number;
  settings: Settings;
  dataDir: string;
  /** The tool's name and version, for messages casepack writes. */
  tool: string;
  /** The value of a secret reference, when it is needed (never stored, never logged). */
  secret(ref: SecretRef): Promise<string>;
  /** Persist the job now (call after recording anything in step.result or step.attempted). */
  save(): Promise<void>;
  progress(p: StepProgress): void;
  warn(msg: string): void;
  signal: AbortSignal;
}

export interface StepOutcome {
  receipts?: Receipt[];
  /** Steps to run after this one (e.g. the large-file upload and the receipt on the ticket). */
  then?: JobStep[];
  /** The step delivered less than the bundle (summary only): the job ends `partial` with this reason. */
  partial?: string;
}

export type StepRunner = (ctx: StepContext) => Promise<StepOutcome>;

export function newStep(kind: StepKind, target: string, options?: JobStep['options']): JobStep {
  return { kind, target, status: 'pending', ...(options ? { options } : {}) };
}

/** The target a step talks to, from the settings (jobs keep only its name). */
export function targetOf<T extends Target['type']>(
  settings: Settings,
  name: string,
  type: T,
): Extract<Target, { type: T }> {
  const t = settings.targets?.[name];
  if (!t)
    throw permanent(
      'config',
      `the target "${name}" is no longer in the settings file; add it back or cancel the job`,
    );
  if (t.type !== type)
    throw permanent('config', `the target "${name}" is now a ${t.type} target, not ${type}`);
  return t as Extract<Target, { type: T }>;
}

/** The last receipt a file step (upload, export) produced in this job. */
export function lastFileReceipt(job: OutboxJob): Receipt | undefined {
  return [...job.receipts]
    .reverse()
    .find((r) => r.targetType === 'sftp' || r.targetType === 'folder');
}
