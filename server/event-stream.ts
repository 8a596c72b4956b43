// Server-sent events (EventSource): every service event goes to every open page as
// `event: <name>` + `data: <json>`. A slow page loses progress ticks, never item or done events.
import type { ServerResponse } from 'node:http';
import type { EventName } from '../core/common/events.js';

const MAX_BUFFERED = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export function openEventStream(
  res: ServerResponse,
  headers: Record<string, string>,
  subscribe: (fn: (name: EventName, payload: unknown) => void) => () => void,
): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': casepack events\n\n');
  const off = subscribe((name, payload) => {
    if (name.endsWith(':progress') && res.writableLength > MAX_BUFFERED) return;
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  beat.unref();
  res.on('close', () => {
    clearInterval(beat);
    off();
  });
}
