// The submission methods of the service, each with one plain-object argument validated by its zod
// schema (core/common/api/submit.ts) and a plain-data result, as every transport needs them.
import path from 'node:path';
import type { z } from 'zod';
import {
  exportArgsSchema,
  historyArgsSchema,
  jobIdArgsSchema,
  listTargetsArgsSchema,
  outboxListArgsSchema,
  outboxRetryArgsSchema,
  submitWarningsArgsSchema,
  targetArgsSchema,
  trustHostKeyArgsSchema,
  type HostKeyInfo,
  type OutboxJob,
  type Receipt,
  type SubmitArgs,
  type SubmitResult,
  type TargetInfo,
} from '../../common/api/submit.js';
import { CasepackError } from '../../common/errors.js';
import { exportToFolder } from './folder/folder-step.js';
import { artifactWarnings, loadCaseForSubmit } from './preflight.js';
import { hostKeyInfo, trustHostKey } from './sftp/trust.js';
import {
  history,
  listTargets,
  outboxCancel,
  outboxList,
  outboxRetry,
  submit,
  targetByName,
  type SubmitDeps,
} from './submit-service.js';

export class SubmitApi {
  constructor(private readonly deps: SubmitDeps) {}

  submit(args: SubmitArgs, signal?: AbortSignal): Promise<SubmitResult> {
    return submit(this.deps, args, signal);
  }

  /** What submit would warn about before sending this bundle with this case. */
  async submitWarnings(
    args: z.input<typeof submitWarningsArgsSchema>,
  ): Promise<{ warnings: string[] }> {
    const a = submitWarningsArgsSchema.parse(args);
    const bundle = path.resolve(a.bundle);
    return { warnings: await artifactWarnings(bundle, await loadCaseForSubmit(a, bundle)) };
  }

  listTargets(args: z.input<typeof listTargetsArgsSchema> = {}): Promise<TargetInfo[]> {
    listTargetsArgsSchema.parse(args);
    return listTargets(this.deps);
  }

  outboxList(
    args: z.input<typeof outboxListArgsSchema> = {},
  ): Promise<{ jobs: OutboxJob[]; damaged: string[] }> {
    return outboxList(this.deps, outboxListArgsSchema.parse(args).all);
  }

  outboxRetry(
    args: z.input<typeof outboxRetryArgsSchema> = {},
    signal?: AbortSignal,
  ): Promise<SubmitResult[]> {
    const a = outboxRetryArgsSchema.parse(args);
    return outboxRetry(this.deps, a.id, signal, a.wait !== false);
  }

  outboxCancel(args: z.input<typeof jobIdArgsSchema>): Promise<OutboxJob> {
    return outboxCancel(this.deps, jobIdArgsSchema.parse(args).id);
  }

  history(args: z.input<typeof historyArgsSchema> = {}): Promise<Receipt[]> {
    return history(this.deps, historyArgsSchema.parse(args).limit);
  }

  private async sftpTarget(name: string) {
    const { settings, file } = await this.deps.settings();
    const [, t] = targetByName(settings, name, file);
    if (t.type !== 'sftp')
      throw new CasepackError(
        'usage',
        `"${name}" is a ${t.type} target; host keys belong to sftp targets`,
      );
    return t;
  }

  async hostKey(args: z.input<typeof targetArgsSchema>): Promise<HostKeyInfo> {
    const { target } = targetArgsSchema.parse(args);
    return hostKeyInfo(target, await this.sftpTarget(target), this.deps.dataDir);
  }

  async trustHostKey(args: z.input<typeof trustHostKeyArgsSchema>): Promise<HostKeyInfo> {
    const a = trustHostKeyArgsSchema.parse(args);
    return trustHostKey(
      a.target,
      await this.sftpTarget(a.target),
      this.deps.dataDir,
      a.fingerprint,
    );
  }

  /** Export to a folder that is not a configured target (the UI's "Export to folder"). */
  exportBundle(args: z.input<typeof exportArgsSchema>): Promise<Receipt> {
    return exportToFolder(exportArgsSchema.parse(args));
  }
}
