// Cancelling a whole report or set of checks: one listener on the caller's signal, and a signal of
// our own that the many sections, commands and worker calls listen to (so Node does not warn
// about "too many listeners" on the caller's signal).
import { setMaxListeners } from 'node:events';

export interface Linked {
  signal: AbortSignal;
  /** Stop following the caller's signal. */
  dispose(): void;
}

export function followSignal(outer: AbortSignal | undefined): Linked {
  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  const onAbort = (): void => ac.abort();
  if (outer?.aborted) ac.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return { signal: ac.signal, dispose: () => outer?.removeEventListener('abort', onAbort) };
}
