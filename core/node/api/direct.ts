// The direct transport: the CLI (and tests) call the contract in-process, through the same
// validation and error mapping as the other transports.
import { createClient, type CasepackClient } from '../../common/api/client.js';
import type { ApiHost } from './handlers.js';

export function directClient(host: ApiHost): CasepackClient {
  return createClient({
    // A JSON round trip keeps the direct transport honest: results must be plain data.
    call: async (method, arg) =>
      JSON.parse(JSON.stringify(await host.dispatch(method, JSON.parse(JSON.stringify(arg))))),
    subscribe: (fn) => host.events.onAny((name, payload) => fn(name, payload)),
  });
}
