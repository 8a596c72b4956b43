// The one `api` object every screen imports. Which transport carries it is decided here, once.
import { createClient, type CasepackClient } from '../../../core/common/api/client.js';
import { httpTransport } from './http-transport.js';
import { ipcTransport, type PreloadBridge } from './ipc-transport.js';

function pick(): CasepackClient {
  const w = window as unknown as Partial<PreloadBridge>;
  if (w.casepack && w.casepackEvents) return createClient(ipcTransport(w as PreloadBridge));
  return createClient(httpTransport());
}

export const api: CasepackClient = pick();
