// Submission errors say what failed in words a customer admin can act on, and whether a retry can
// help (a server down, a reset, a timeout) or a person must act first (a refused key, a full disk).
// Messages name targets, hosts and reference files, never a credential's value.
import { CasepackError, errorMessage, type ErrorCode } from '../../common/errors.js';

export class SubmitError extends CasepackError {
  readonly retryable: boolean;
  constructor(code: ErrorCode, message: string, opts: { retryable: boolean; where?: string }) {
    super(code, message, opts.where);
    this.name = 'SubmitError';
    this.retryable = opts.retryable;
  }
}

/** The case is missing what its type requires: a check failed (exit 1), nothing was sent. */
export class IncompleteCaseError extends CasepackError {
  constructor(message: string) {
    super('case', message);
    this.name = 'IncompleteCaseError';
  }
}

export function transient(code: ErrorCode, message: string, where?: string): SubmitError {
  return new SubmitError(code, message, { retryable: true, where });
}

export function permanent(code: ErrorCode, message: string, where?: string): SubmitError {
  return new SubmitError(code, message, { retryable: false, where });
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (is it running?)',
  ECONNRESET: 'reset the connection',
  ECONNABORTED: 'aborted the connection',
  EPIPE: 'closed the connection',
  ETIMEDOUT: 'did not answer in time',
  EHOSTUNREACH: 'is unreachable',
  ENETUNREACH: 'is unreachable (no route to the network)',
  EAI_AGAIN: 'could not be looked up (DNS failed, temporarily)',
  ENOTFOUND: 'has a name that does not resolve',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'did not answer in time',
};

/** Any thrown value while talking to `what` (e.g. "RT at https://rt.example"), as a SubmitError. */
export function asSubmitError(e: unknown, what: string): SubmitError {
  if (e instanceof SubmitError) return e;
  if (e instanceof CasepackError)
    return new SubmitError(e.code, e.message, {
      retryable: ['network', 'timeout'].includes(e.code),
      where: e.where,
    });
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && NETWORK_WORDS[code]) {
    const retryable = code !== 'ENOTFOUND';
    return new SubmitError(
      code === 'ETIMEDOUT' ? 'timeout' : 'network',
      `${what} ${NETWORK_WORDS[code]}`,
      { retryable },
    );
  }
  return new SubmitError('internal', `${what}: ${errorMessage(e)}`, { retryable: false });
}

export function isRetryable(e: unknown): boolean {
  return e instanceof SubmitError ? e.retryable : false;
}
