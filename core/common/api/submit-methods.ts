// The submission methods as part of the one contract (schemas and result types in ./submit.ts).
import { method } from './define.js';
import {
  exportArgsSchema,
  historyArgsSchema,
  jobIdArgsSchema,
  listTargetsArgsSchema,
  outboxListArgsSchema,
  outboxRetryArgsSchema,
  submitArgsSchema,
  submitWarningsArgsSchema,
  targetArgsSchema,
  trustHostKeyArgsSchema,
  type HostKeyInfo,
  type OutboxJob,
  type Receipt,
  type SubmitResult,
  type TargetInfo,
} from './submit.js';

export const submitMethods = {
  listTargets: method(
    listTargetsArgsSchema,
    'The submission targets in the settings (where each goes; never a credential).',
  ).returns<TargetInfo[]>(),
  submit: method(
    submitArgsSchema,
    'Queue a bundle for a target and send it; with wait:false return once queued and report by submit:progress / submit:done events.',
  ).returns<SubmitResult>(),
  submitWarnings: method(
    submitWarningsArgsSchema,
    'What the bundle lacks for the case (required artifacts, the window), as submit warns before sending; nothing is sent.',
  ).returns<{ warnings: string[] }>(),
  outboxList: method(
    outboxListArgsSchema,
    'Jobs in the outbox: queued, running, failed (all: also delivered and cancelled).',
  ).returns<{ jobs: OutboxJob[]; damaged: string[] }>(),
  outboxRetry: method(
    outboxRetryArgsSchema,
    'Send queued and failed jobs now (or one); resumes where the server stopped.',
  ).returns<SubmitResult[]>(),
  outboxCancel: method(jobIdArgsSchema, 'Cancel a job (the bundle is kept).').returns<OutboxJob>(),
  history: method(historyArgsSchema, 'Receipts of delivered bundles, newest first.').returns<
    Receipt[]
  >(),
  hostKey: method(
    targetArgsSchema,
    "An SFTP target's host key fingerprint and whether it is trusted (first use asks).",
  ).returns<HostKeyInfo>(),
  trustHostKey: method(
    trustHostKeyArgsSchema,
    'Remember the host key the user confirmed (its fingerprint must match the server).',
  ).returns<HostKeyInfo>(),
  exportBundle: method(
    exportArgsSchema,
    'Export a bundle to a folder (USB stick): the bundle or its OpenPGP-encrypted copy, .sha256, README.',
  ).returns<Receipt>(),
};
