// Results of the health checks (the "diagnostic report"): system/checks.json and report.html.
export type CheckStatus = 'pass' | 'fail' | 'skipped' | 'error';

export interface CheckResult {
  id: string;
  /** The profile that declared the check. */
  profile?: string;
  description?: string;
  kind: 'tcp' | 'diskFree' | 'process';
  status: CheckStatus;
  /** One line a support engineer can act on. */
  message: string;
  durationMs: number;
  details?: Record<string, unknown>;
}

/** What a check's implementation returns (the runner adds id, kind, timing). */
export type CheckOutcome = Pick<CheckResult, 'status' | 'message' | 'details'>;
