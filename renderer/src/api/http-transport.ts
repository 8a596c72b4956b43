// Browser mode (`casepack serve`): one POST per method, events over EventSource. The session
// cookie travels with every request on its own; the renderer never sees the token again.
import type { ApiTransport } from '../../../core/common/api/client.js';
import {
  asWireReply,
  httpPath,
  HTTP_EVENTS_PATH,
  type WireReply,
} from '../../../core/common/api/wire.js';
import { CasepackError } from '../../../core/common/errors.js';
import { EVENT_NAMES, type EventName } from '../../../core/common/events.js';

export interface HttpTransportOptions {
  /** Origin of the server; default: the page's own. */
  base?: string;
  fetch?: typeof fetch;
  EventSource?: new (url: string) => EventSource;
}

export function httpTransport(opts: HttpTransportOptions = {}): ApiTransport {
  const base = opts.base ?? '';
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  let source: EventSource | undefined;

  function open(): void {
    const ES = opts.EventSource ?? EventSource;
    source = new ES(base + HTTP_EVENTS_PATH);
    for (const name of EVENT_NAMES)
      source.addEventListener(name, (ev) => {
        const payload: unknown = JSON.parse((ev as MessageEvent<string>).data);
        for (const fn of listeners) fn(name, payload);
      });
  }

  return {
    async call(method, arg): Promise<WireReply> {
      const res = await doFetch(base + httpPath(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(arg),
        credentials: 'same-origin',
      });
      if (res.status === 401)
        throw new CasepackError(
          'auth',
          'this page is no longer signed in: start `casepack serve` again and open its new link',
        );
      const type = res.headers.get('content-type') ?? '';
      if (!type.startsWith('application/json'))
        throw new CasepackError('network', `casepack answered ${res.status} ${res.statusText}`);
      return asWireReply(await res.json(), 'casepack serve');
    },
    subscribe(fn) {
      listeners.add(fn);
      if (!source) open();
      return () => {
        listeners.delete(fn);
        if (listeners.size === 0 && source) {
          source.close();
          source = undefined;
        }
      };
    },
  };
}
