// The one `api` object the renderer (and tests, and the CLI) call, built over any transport. It
// has exactly the contract's methods plus `on` for events; it never knows which transport it is on.
import { CasepackError } from '../errors.js';
import type { CasepackEvents, EventName } from '../events.js';
import { API_METHOD_NAMES, type CasepackApi } from './index.js';
import { replyToResult, type WireReply } from './wire.js';

export interface ApiTransport {
  /** Send one call; resolve with the reply. Reject only when the transport itself failed. */
  call(method: string, arg: unknown): Promise<WireReply>;
  /** Receive every event; returns the unsubscribe function. */
  subscribe(fn: (name: EventName, payload: unknown) => void): () => void;
}

export interface CasepackEventsApi {
  on<K extends EventName>(name: K, fn: (payload: CasepackEvents[K]) => void): () => void;
}

export type CasepackClient = CasepackApi & CasepackEventsApi;

export function createClient(transport: ApiTransport): CasepackClient {
  const client: Record<string, unknown> = {};
  for (const name of API_METHOD_NAMES) {
    client[name] = async (arg: unknown) => {
      let reply: WireReply;
      try {
        reply = await transport.call(name, arg ?? {});
      } catch (e) {
        if (e instanceof CasepackError) throw e;
        throw new CasepackError('network', `lost contact with casepack (${String(e)})`);
      }
      return replyToResult(reply);
    };
  }
  client.on = (name: EventName, fn: (payload: unknown) => void) =>
    transport.subscribe((n, payload) => {
      if (n === name) fn(payload);
    });
  return client as unknown as CasepackClient;
}
