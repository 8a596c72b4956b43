// `--case N` and `--ref R` always mean an existing case's number and reference ID: given on any
// command, they turn the case (from a file or empty) into an update of that case.
import type { Case } from '../../common/case/schema.js';

export interface CaseFlags {
  /** `--case N` */
  caseNumber?: string;
  /** `--ref R` */
  referenceId?: string;
}

export function applyCaseFlags(c: Case, flags: CaseFlags): Case {
  const out: Case = { ...c };
  if (flags.caseNumber !== undefined) out.caseNumber = flags.caseNumber.trim();
  if (flags.referenceId !== undefined) out.referenceId = flags.referenceId.trim();
  if (flags.caseNumber !== undefined || flags.referenceId !== undefined) out.mode = 'update';
  return out;
}
