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

/** Bytes under the browsers' 64 KiB keepalive limit, with room for the headers. */
const KEEPALIVE_MAX = 60_000;

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
      const body = JSON.stringify(arg);
      const res = await doFetch(base + httpPath(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        credentials: 'same-origin',
        // A small call (a draft saved as the page goes away) outlives a reload or a closed tab;
        // browsers refuse keepalive bodies over 64 KiB, so larger calls go without it.
        keepalive: body.length < KEEPALIVE_MAX,
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
