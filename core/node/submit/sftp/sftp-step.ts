// The `sftp-upload` step: the bundle to the drop box as `<case>_<bundle name>` (case systems link
// drops to cases by that prefix), resumed from what the server has, read back, renamed into place.
import path from 'node:path';
import { TARGET_DEFAULTS } from '../../../common/targets/schema.js';
import { ProgressMeter } from '../progress.js';
import type { StepContext, StepOutcome } from '../step.js';
import { targetOf } from '../step.js';
import { connectSftp, sftpPort } from './connect.js';
import { uploadResumable } from './upload.js';

/** `12_casepack-...zip`; without a case number, the bundle's own name. */
export function remoteFileName(caseNumber: string | undefined, bundleName: string): string {
  if (!caseNumber) return bundleName;
  return `${caseNumber.replace(/[^A-Za-z0-9.-]/g, '-')}_${bundleName}`;
}

export async function runSftpUpload(ctx: StepContext): Promise<StepOutcome> {
  const t = targetOf(ctx.settings, ctx.step.target, 'sftp');
  const { bundle } = ctx.job;
  const name = remoteFileName(ctx.job.caseNumber, bundle.name);
  const remotePath = t.dir ? path.posix.join(t.dir, name) : name;
  const stallMs =
    t.stallTimeout ?? ctx.settings.network?.stallTimeout ?? TARGET_DEFAULTS.stallTimeout;
  const session = await connectSftp({
    name: ctx.step.target,
    target: t,
    dataDir: ctx.dataDir,
    secret: ctx.secret,
    connectTimeout: t.connectTimeout ?? ctx.settings.network?.connectTimeout,
  });
  let upload: ProgressMeter | undefined;
  let verify: ProgressMeter | undefined;
  let resumedFrom = 0;
  try {
    const r = await uploadResumable({
      sftp: session.sftp,
      localPath: bundle.path,
      size: bundle.size,
      sha256: bundle.sha256,
      remotePath,
      stallMs,
      signal: ctx.signal,
      onResume: (offset) => {
        resumedFrom = offset;
        upload = new ProgressMeter(
          bundle.size,
          (s) => ctx.progress({ phase: 'upload', resumedFrom, ...s }),
          offset,
        );
        verify = new ProgressMeter(bundle.size, (s) => ctx.progress({ phase: 'verify', ...s }));
        ctx.progress({ phase: 'upload', bytesDone: offset, bytesTotal: bundle.size, resumedFrom });
      },
      onBytes: (phase, n) => (phase === 'upload' ? upload : verify)?.add(n),
    });
    upload?.finish();
    verify?.finish();
    ctx.step.result = {
      remotePath: r.remotePath,
      resumedFrom: r.resumedFrom,
      bytesSent: r.bytesSent,
    };
    return {
      receipts: [
        {
          target: ctx.step.target,
          targetType: 'sftp',
          file: name,
          size: bundle.size,
          sha256: bundle.sha256,
          ...(ctx.job.caseNumber ? { caseNumber: ctx.job.caseNumber } : {}),
          location: `sftp://${t.user}@${t.host}:${sftpPort(t)}${r.remotePath.startsWith('/') ? '' : '/~/'}${r.remotePath}`,
          verified: 'read back over SFTP: size and sha256 match',
          at: new Date().toISOString(),
          jobId: ctx.job.id,
          bundle: bundle.name,
        },
      ],
    };
  } finally {
    session.close();
  }
}
