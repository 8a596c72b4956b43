// Servers of our own for network setups the test RT cannot offer by itself: a forward proxy (plain
// HTTP and CONNECT) that records what it was asked, and a TLS front for RT with a certificate from a
// private CA, made with openssl.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

/** Pass one request on to a plain HTTP server and its answer back. */
function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  to: { host: string; port: number; path: string },
): void {
  const up = http.request({ ...to, method: req.method, headers: req.headers }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
}

export interface ForwardProxy {
  url: string;
  /** `GET http://...` for plain requests, `CONNECT host:port` for tunnels. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * `hosts` plays the proxy's own name resolution (a customer's proxy knows names this machine does
 * not): a CONNECT to a listed name goes to the address given.
 */
export async function startForwardProxy(
  opts: { hosts?: Record<string, string> } = {},
): Promise<ForwardProxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const u = new URL(req.url ?? '');
    forward(req, res, {
      host: u.hostname,
      port: Number(u.port || 80),
      path: `${u.pathname}${u.search}`,
    });
  });
  server.on('connect', (req, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), opts.hosts?.[host!] ?? host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(client).add(up);
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TEST_HOST_NAME = 'rt.casepack.test';

/** A private CA and a certificate for 127.0.0.1 and TEST_HOST_NAME signed by it (PEM files in `dir`). */
export function makeCertificates(dir: string): { caFile: string; key: string; cert: string } {
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  o(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=casepack test CA',
  );
  o(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  const ext = path.join(dir, 'san.ext');
  execFileSync('sh', [
    '-c',
    `printf 'subjectAltName=IP:127.0.0.1,DNS:${TEST_HOST_NAME}\\n' > ${ext}`,
  ]);
  o(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    ext,
  );
  return {
    caFile: path.join(dir, 'ca.pem'),
    key: readFileSync(path.join(dir, 'server.key'), 'utf8'),
    cert: readFileSync(path.join(dir, 'server.pem'), 'utf8'),
  };
}

/** HTTPS on 127.0.0.1 in front of a plain HTTP server (the test RT). */
export async function startTlsFront(
  certs: { key: string; cert: string },
  backend: { host: string; port: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer({ key: certs.key, cert: certs.cert }, (req, res) =>
    forward(req, res, { ...backend, path: req.url ?? '/' }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
