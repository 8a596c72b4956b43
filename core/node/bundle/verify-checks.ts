// The checks `casepack verify` runs besides the checksums. Areas add theirs here (one line each):
// the redaction helper's leak check, for one.
import { leakVerifyCheck } from '../redact/leak-check.js';
import type { VerifyCheck } from './verify.js';

export function defaultVerifyChecks(): VerifyCheck[] {
  // The rule pack's patterns in every entry (case.json: secret patterns only). The hashes of the
  // values a run removed are only known to that run (collect adds them to its own check).
  return [leakVerifyCheck()];
}
