// The submission part of the API (docs/submission.md, docs/technical/outbox.md): one plain-object
// argument per method, validated by these schemas on every transport; plain-data results.
import { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import type { TargetType } from '../targets/schema.js';

const caseNumber = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]);

export const submitArgsSchema = z.strictObject({
  /** The bundle (a path on the host casepack runs on). */
  bundle: z.string().min(1),
  /** A target name from the settings file (default: the settings' defaultTarget). */
  target: z.string().min(1).optional(),
  /** A case file (YAML/JSON) on the host; else the case.json inside the bundle. */
  caseFile: z.string().min(1).optional(),
  /** A case given as data (the UI's form); wins over caseFile and the bundle's case.json. */
  case: z.record(z.string(), z.unknown()).optional(),
  /** Turns the case into an update of this case (`--case N`). */
  caseNumber: caseNumber.optional(),
  /** The case's reference ID (`--ref R`). */
  referenceId: z.string().min(1).max(200).optional(),
  /** Wait until the job finished or failed (default true); false returns once it is queued. */
  wait: z.boolean().optional(),
});
export type SubmitArgs = z.input<typeof submitArgsSchema>;

/** The case and bundle a submit would send, to say what the bundle lacks before sending it. */
export const submitWarningsArgsSchema = submitArgsSchema.pick({
  bundle: true,
  caseFile: true,
  case: true,
  caseNumber: true,
  referenceId: true,
});

export const jobIdArgsSchema = z.strictObject({ id: z.string().min(1) });
export const outboxRetryArgsSchema = z.strictObject({
  /** One job; without it every queued or failed job is retried. */
  id: z.string().min(1).optional(),
  wait: z.boolean().optional(),
});
export const outboxListArgsSchema = z.strictObject({
  /** Include finished and cancelled jobs (default: only queued, running and failed). */
  all: z.boolean().optional(),
});
export const historyArgsSchema = z.strictObject({
  limit: z.number().int().min(1).max(10_000).optional(),
});
export const listTargetsArgsSchema = z.strictObject({});
export const targetArgsSchema = z.strictObject({ target: z.string().min(1) });
export const trustHostKeyArgsSchema = z.strictObject({
  target: z.string().min(1),
  /** The SHA256:... fingerprint the user compared with the vendor's; it must match the server's key. */
  fingerprint: z.string().min(8),
});
export const exportArgsSchema = z.strictObject({
  bundle: z.string().min(1),
  /** The folder to export to (a USB stick); checked against what the user may write. */
  path: z.string().min(1),
  /** An armored OpenPGP public key file to encrypt to. */
  encryptTo: z.string().min(1).optional(),
});

export type JobStatus = 'queued' | 'running' | 'done' | 'partial' | 'failed' | 'cancelled';
export type StepKind =
  'rt-create' | 'rt-correspond' | 'rt-receipt' | 'sftp-upload' | 'smtp-send' | 'folder-export';

/** What a target confirmed it holds: a user (and `casepack history`) can check it later. */
export interface Receipt {
  target: string;
  targetType: TargetType;
  /** The file name as the target holds it (remote name, attachment name, exported name). */
  file: string;
  size: number;
  sha256: string;
  caseNumber?: string;
  /** Where it is: a ticket URL, sftp://host/path, a folder path, a Message-ID. */
  location?: string;
  /** How the bytes were confirmed, e.g. "read back over SFTP", "RT attachment read back". */
  verified: string;
  at: string;
  jobId: string;
  bundle: string;
}

export interface JobStep {
  kind: StepKind;
  /** The target this step talks to (for large files: the largeFiles target). */
  target: string;
  status: 'pending' | 'done';
  /** Options decided when the step was planned (e.g. attach the bundle or not). */
  options?: Record<string, string | number | boolean>;
  /** Set before a request whose outcome may stay unknown (crash, reset): the retry checks first. */
  attempted?: boolean;
  /** Facts the step learned (ticket id, remote path); never a credential. */
  result?: Record<string, string | number | boolean>;
  doneAt?: string;
}

export interface JobProgress {
  step: number;
  kind: StepKind;
  bytesDone: number;
  bytesTotal: number;
  rateBps?: number;
  /** Where an upload (re)started, in bytes: what the server already had. */
  resumedFrom?: number;
}

/** One job in the outbox (the on-disk job.json, as the API shows it). */
export interface OutboxJob {
  id: string;
  formatVersion: 1;
  createdAt: string;
  updatedAt: string;
  status: JobStatus;
  target: string;
  targetType: TargetType;
  bundle: { path: string; name: string; size: number; sha256: string };
  /** The case as it will be sent (what the user wrote; contact details included, no credentials). */
  case: Record<string, unknown>;
  mode: 'new' | 'update';
  caseNumber?: string;
  referenceId?: string;
  steps: JobStep[];
  progress?: JobProgress;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: ErrorInfo;
  /** Problems that did not stop the job (a custom field RT did not take, a fallback taken). */
  notes: string[];
  receipts: Receipt[];
}

export interface SubmitResult {
  jobId: string;
  status: JobStatus;
  /** The case system's own identifier (for RT the bare ticket number). */
  caseNumber?: string;
  /** The bundle's receipt (the file the target confirmed). */
  receipt?: Receipt;
  receipts: Receipt[];
  notes: string[];
  error?: ErrorInfo;
  /**
   * What the bundle lacks for the case (required artifacts, a window that misses the start), said
   * before sending; the send went ahead. Set by `submit` (empty when nothing is missing).
   */
  warnings?: string[];
  /** One line for people. */
  message: string;
}

export interface TargetInfo {
  name: string;
  type: TargetType;
  description?: string;
  /** Where it goes, without credentials: a URL, user@host:port/dir, a folder. */
  where: string;
  largeFiles?: string;
  isDefault: boolean;
  encrypted?: boolean;
}

export interface HostKeyInfo {
  target: string;
  host: string;
  port: number;
  algorithm: string;
  fingerprint: string;
  /** pinned: in the settings; remembered: trusted earlier; unknown: first use. */
  trust: 'pinned' | 'remembered' | 'unknown' | 'mismatch';
}
