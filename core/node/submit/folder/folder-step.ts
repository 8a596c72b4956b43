import type { StepContext, StepOutcome } from '../step.js';
import { permanent } from '../errors.js';
export async function runFolderExport(_ctx: StepContext): Promise<StepOutcome> {
  throw permanent('internal', 'folder export: not yet');
}
import type { Receipt } from '../../../common/api/submit.js';
export async function exportToFolder(_a: {
  bundle: string;
  path: string;
  encryptTo?: string;
}): Promise<Receipt> {
  throw permanent('internal', 'folder export: not yet');
}
