// The one place that decides whether an IPC call comes from our own page: the sending frame must be
// the main frame of a casepack window showing the app's own protocol (after VS Code's
// validatedIpcMain and GitHub Desktop's trusted-ipc-sender).
import { isAppUrl } from './app-protocol.js';

export interface SenderInfo {
  senderFrame: { url: string; parent?: unknown } | null;
  sender: { id: number };
}

export function isTrustedSender(
  e: SenderInfo,
  windowIds: ReadonlySet<number>,
  isApp: (url: string) => boolean = isAppUrl,
): boolean {
  if (!windowIds.has(e.sender.id)) return false;
  const frame = e.senderFrame;
  if (!frame || frame.parent) return false;
  return isApp(frame.url);
}
