// The host side of every transport: look up the method, validate the argument with its schema,
// run the handler, and turn whatever happens into a plain reply. HTTP, Electron IPC and the direct
// client all call `dispatch`, so they validate and report errors identically.
import type { z } from 'zod';
import { API_METHODS, type ApiHandlers, type MethodName } from '../../common/api/index.js';
import type { WireReply } from '../../common/api/wire.js';
import { CasepackError, errorMessage } from '../../common/errors.js';

export type Dispatch = (method: string, arg: unknown) => Promise<WireReply>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(API_METHODS, name);
}

function describeIssues(method: string, error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => {
    const at = i.path.length ? i.path.map(String).join('.') : 'argument';
    return `${at}: ${i.message}`;
  });
  return `${method}: invalid argument (${parts.join('; ')})`;
}

export function createDispatch(handlers: ApiHandlers): Dispatch {
  return async (method, arg) => {
    if (!isMethodName(method))
      return { ok: false, error: { code: 'usage', message: `unknown API method "${method}"` } };
    const parsed = API_METHODS[method].input.safeParse(arg ?? {});
    if (!parsed.success)
      return { ok: false, error: { code: 'usage', message: describeIssues(method, parsed.error) } };
    try {
      const fn = handlers[method] as (a: unknown) => Promise<unknown>;
      const result = await fn(parsed.data);
      return { ok: true, result: result === undefined ? null : result };
    } catch (e) {
      if (e instanceof CasepackError) return { ok: false, error: e.toInfo() };
      if (process.env.CASEPACK_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      return { ok: false, error: { code: 'internal', message: `${method}: ${errorMessage(e)}` } };
    }
  };
}
