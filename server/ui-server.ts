// `casepack serve`: the UI and the API over HTTP on 127.0.0.1. Every request passes the guard
// (Host, Origin, session); the API is one POST per method plus an event stream; everything else
// is the renderer build (docs/technical/ui.md, "Browser mode").
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_EVENTS_PATH, type WireReply } from '../core/common/api/wire.js';
import { UI_CSP } from '../core/common/csp.js';
import { CasepackError } from '../core/common/errors.js';
import type { ApiHost } from '../core/node/api/handlers.js';
import { openEventStream } from './event-stream.js';
import { hostAllowed, originAllowed, SessionGuard } from './guard.js';
import { resolveStatic } from '../core/node/ui/static-files.js';
import { sendFile } from './send-file.js';

/** Screenshots travel as base64 JSON: allow a 4K capture with room to spare. */
const MAX_BODY = 48 * 1024 * 1024;

const BASE_HEADERS = {
  'Content-Security-Policy': UI_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface UiServerOptions {
  api: ApiHost;
  /** The renderer build (index.html and assets). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Host names accepted besides loopback (e.g. a name in /etc/hosts used through a tunnel). */
  allowHosts?: string[];
}

export interface UiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text + '\n');
}

function sendReply(res: ServerResponse, reply: WireReply): void {
  const status = reply.ok
    ? 200
    : reply.error.code === 'usage'
      ? 400
      : reply.error.code === 'internal'
        ? 500
        : 422;
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(reply));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Requiring JSON forces a CORS preflight on any cross-site attempt (which we never answer).
  if (!/^application\/json\b/i.test(type))
    throw new CasepackError('usage', 'API calls must be sent as application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new CasepackError('usage', 'request too large');
    chunks.push(chunk);
  }
  try {
    return size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new CasepackError('usage', 'request body is not valid JSON');
  }
}

export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const extraHosts = new Set((opts.allowHosts ?? []).map((h) => h.toLowerCase()));
  const guard = new SessionGuard();

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendText(res, 500, `casepack: ${String(e)}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, extraHosts))
      return sendText(res, 403, 'casepack: this address is not allowed (use 127.0.0.1)');
    if (!originAllowed(req)) return sendText(res, 403, 'casepack: cross-site request refused');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = guard.check(req, url);
    if (auth === 'token-used')
      return sendText(
        res,
        401,
        'casepack: this link has already been used. Stop `casepack serve` and start it again for a new link.',
      );
    if (auth === 'none')
      return sendText(res, 401, 'casepack: open the link that `casepack serve` printed.');
    const headers: Record<string, string> = { ...BASE_HEADERS };
    if (auth === 'token') headers['Set-Cookie'] = guard.setCookieHeader();

    if (url.pathname === HTTP_EVENTS_PATH) {
      if (req.method !== 'GET') return sendText(res, 405, 'casepack: use GET');
      return openEventStream(res, headers, (fn) => opts.api.events.onAny(fn));
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'casepack: API calls use POST');
      let arg: unknown;
      try {
        arg = await readJsonBody(req);
      } catch (e) {
        const err = e as CasepackError;
        return sendReply(res, { ok: false, error: { code: 'usage', message: err.message } });
      }
      return sendReply(res, await opts.api.dispatch(url.pathname.slice(5), arg));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'casepack: use GET');
    const file = await resolveStatic(opts.rendererDir, url.pathname);
    if (!file) return sendText(res, 404, 'casepack: not found');
    sendFile(res, file, headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new CasepackError('usage', `port ${opts.port} is already in use; try another --port`)
          : e,
      ),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.listeningOn(port);
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${guard.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
