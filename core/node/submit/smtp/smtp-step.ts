import type { StepContext, StepOutcome } from '../step.js';
import { permanent } from '../errors.js';
export async function runSmtpSend(_ctx: StepContext): Promise<StepOutcome> {
  throw permanent('internal', 'smtp: not yet');
}
