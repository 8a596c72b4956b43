// Errors that cross a boundary (CLI output, API transports, manifest) are plain data: { code, message }.
// Messages are written for the person running casepack and never carry a secret value.

export type ErrorCode =
  | 'usage'
  | 'config'
  | 'profile'
  | 'case'
  | 'not-found'
  | 'permission'
  | 'io'
  | 'disk-full'
  | 'timeout'
  | 'cancelled'
  | 'verify'
  | 'leak'
  | 'network'
  | 'auth'
  | 'remote'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Where the problem is: a file, `file:line`, a key path. Never a secret. */
  where?: string;
}

export class CasepackError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  constructor(code: ErrorCode, message: string, where?: string) {
    super(message);
    this.name = 'CasepackError';
    this.code = code;
    this.where = where;
  }
  toInfo(): ErrorInfo {
    return this.where === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, where: this.where };
  }
}

export function isCasepackError(e: unknown): e is CasepackError {
  return e instanceof CasepackError;
}

/** Best-effort plain message for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
