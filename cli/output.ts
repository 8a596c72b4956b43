// Output conventions: with --json, stdout carries exactly one JSON object and nothing else; human
// messages, warnings and progress go to stderr. Errors end in a documented exit code.
import { CasepackError, errorMessage, type ErrorCode } from '../core/common/errors.js';
import { EXIT } from '../core/common/exit-codes.js';

export interface JsonFlag {
  json?: boolean;
}

export function printJson(obj: unknown): void {
  process.stdout.write(JSON.stringify(obj, null, 2) + '\n');
}

/** A line for the person at the terminal (stderr, so stdout stays machine-readable). */
export function say(msg: string): void {
  process.stderr.write(msg + '\n');
}

export function warn(msg: string): void {
  process.stderr.write(`casepack: warning: ${msg}\n`);
}

const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  usage: EXIT.usage,
  config: EXIT.config,
  profile: EXIT.config,
  case: EXIT.config,
  verify: EXIT.failed,
  leak: EXIT.failed,
  cancelled: EXIT.interrupted,
};

/** Map a thrown error to a message on stderr (and a JSON object on stdout with --json) and an exit code. */
export function fail(e: unknown, opts: JsonFlag & { exitCode?: number } = {}): never {
  const info =
    e instanceof CasepackError
      ? e.toInfo()
      : { code: 'internal' as ErrorCode, message: errorMessage(e) };
  if (opts.json) printJson({ error: info });
  process.stderr.write(`casepack: ${info.message}\n`);
  if (!(e instanceof CasepackError) && process.env.CASEPACK_DEBUG && e instanceof Error)
    process.stderr.write(`${e.stack}\n`);
  process.exit(opts.exitCode ?? EXIT_BY_CODE[info.code] ?? EXIT.internal);
}

/** Wrap a command action: any thrown error becomes a clear message and exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>) {
  return async (...args: A): Promise<void> => {
    const opts =
      args.find(
        (a): a is JsonFlag =>
          typeof a === 'object' && a !== null && !Array.isArray(a) && 'json' in a,
      ) ?? {};
    try {
      const code = await fn(...args);
      process.exitCode = code ?? EXIT.ok;
    } catch (e) {
      fail(e, opts);
    }
  };
}
