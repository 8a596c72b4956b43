// Desktop mode: the preload exposes `window.casepack` (exactly the API's methods, each resolving to
// a wire reply) and `window.casepackEvents`. Nothing else of Electron reaches the page.
import type { ApiTransport } from '../../../core/common/api/client.js';
import { asWireReply } from '../../../core/common/api/wire.js';
import type { EventName } from '../../../core/common/events.js';

export interface PreloadBridge {
  casepack: Record<string, (arg: unknown) => Promise<unknown>>;
  casepackEvents: { subscribe(fn: (name: EventName, payload: unknown) => void): () => void };
}

export function ipcTransport(bridge: PreloadBridge): ApiTransport {
  return {
    async call(method, arg) {
      const fn = bridge.casepack[method];
      if (!fn) throw new Error(`the desktop app does not offer ${method}`);
      return asWireReply(await fn(arg), 'the desktop app');
    },
    subscribe: (fn) => bridge.casepackEvents.subscribe(fn),
  };
}
