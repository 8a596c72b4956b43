// Which function runs which kind of step.
import type { StepKind } from '../../common/api/submit.js';
import { runRtCorrespond, runRtCreate, runRtReceipt } from './rt/rt-steps.js';
import { runSftpUpload } from './sftp/sftp-step.js';
import type { StepRunner } from './step.js';
import { runFolderExport } from './folder/folder-step.js';
import { runSmtpSend } from './smtp/smtp-step.js';

export const STEP_RUNNERS: Record<StepKind, StepRunner> = {
  'rt-create': runRtCreate,
  'rt-correspond': runRtCorrespond,
  'rt-receipt': runRtReceipt,
  'sftp-upload': runSftpUpload,
  'smtp-send': runSmtpSend,
  'folder-export': runFolderExport,
};
