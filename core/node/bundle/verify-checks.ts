// The checks `casepack verify` runs besides the checksums. Areas add theirs here (one line each):
// the redaction helper's leak check, for one.
import type { VerifyCheck } from './verify.js';

export function defaultVerifyChecks(): VerifyCheck[] {
  return [];
}
