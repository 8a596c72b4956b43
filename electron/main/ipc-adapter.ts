// The API over Electron IPC: one handler per method, the sender checked before anything runs, then
// the same dispatch (validation, errors as plain data) as every other transport. Events go to the
// windows over one channel. The electron objects are passed in (electron itself is loaded only by
// registerApiOnIpcMain), so tests can run this module under plain Node.
import { API_METHOD_NAMES } from '../../core/common/api/method-names.js';
import { IPC_EVENT_CHANNEL, ipcChannel, type WireReply } from '../../core/common/api/wire.js';
import type { ApiHost } from '../../core/node/api/handlers.js';
import type { SenderInfo } from './trusted-sender.js';

export interface IpcMainLike {
  handle(channel: string, listener: (e: SenderInfo, arg: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function registerApi(
  ipcMain: IpcMainLike,
  host: ApiHost,
  isTrusted: (e: SenderInfo) => boolean,
): () => void {
  for (const name of API_METHOD_NAMES)
    ipcMain.handle(ipcChannel(name), async (e, arg): Promise<WireReply> => {
      if (!isTrusted(e))
        return {
          ok: false,
          error: { code: 'permission', message: 'refused: the call did not come from casepack' },
        };
      return host.dispatch(name, arg);
    });
  return () => {
    for (const name of API_METHOD_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Main's call: the real ipcMain, loaded only here (tests pass the paired stand-in instead). */
export async function registerApiOnIpcMain(
  host: ApiHost,
  isTrusted: (e: SenderInfo) => boolean,
): Promise<() => void> {
  const { ipcMain } = await import('electron');
  return registerApi(ipcMain, host, isTrusted);
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Forward every service event to the windows `targets()` names at that moment. */
export function forwardEvents(host: ApiHost, targets: () => Iterable<EventTarget>): () => void {
  return host.events.onAny((name, payload) => {
    for (const t of targets()) if (!t.isDestroyed()) t.send(IPC_EVENT_CHANNEL, name, payload);
  });
}
