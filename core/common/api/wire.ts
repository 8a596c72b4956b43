// What travels between a transport's two ends: a reply is either a plain-data result or a plain error
// ({ code, message, where? }), never a thrown object or a stack. Used by HTTP and Electron IPC alike.
import { CasepackError, type ErrorInfo } from '../errors.js';

export type WireReply = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };

/** Electron IPC channel of one method (main registers one handler per channel). */
export const ipcChannel = (method: string): string => `casepack:api:${method}`;
/** Electron IPC channel on which main pushes events to the window. */
export const IPC_EVENT_CHANNEL = 'casepack:event';

/** HTTP path of one method (`casepack serve`: POST with a JSON body). */
export const httpPath = (method: string): string => `/api/${method}`;
/** HTTP path of the server-sent event stream. */
export const HTTP_EVENTS_PATH = '/api/events';

export function replyToResult(reply: WireReply): unknown {
  if (reply.ok) return reply.result;
  throw new CasepackError(reply.error.code, reply.error.message, reply.error.where);
}

/** A reply that came over a wire must have the shape above; anything else is a transport fault. */
export function asWireReply(x: unknown, where: string): WireReply {
  if (x && typeof x === 'object' && 'ok' in x) {
    const r = x as { ok: unknown; result?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, result: r.result };
    const e = r.error as Partial<ErrorInfo> | undefined;
    if (r.ok === false && e && typeof e.code === 'string' && typeof e.message === 'string')
      return { ok: false, error: e as ErrorInfo };
  }
  throw new CasepackError('internal', `unexpected reply from ${where}`);
}
