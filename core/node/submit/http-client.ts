// HTTP(S) for REST targets, as customers' networks need it: the target's explicit proxy, else the
// settings' proxy, else HTTP(S)_PROXY / NO_PROXY; a custom CA added to the system's; TLS verification
// on unless a target says `insecureSkipTlsVerify` (warned about on every use); connect and stall
// timeouts; no redirects (a redirect would forward the token, and axios buffers bodies to follow them).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type net from 'node:net';
import tls from 'node:tls';
import axios, { type AxiosInstance, type AxiosError } from 'axios';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import type { Settings } from '../../common/settings/schema.js';
import { TARGET_DEFAULTS } from '../../common/targets/schema.js';
import { isLoopbackHost } from '../../common/targets/loopback.js';
import { permanent, transient, type SubmitError } from './errors.js';

export interface HttpTargetOptions {
  url: string;
  proxy?: string | false;
  caFile?: string;
  insecureSkipTlsVerify?: boolean;
  connectTimeout?: number;
  stallTimeout?: number;
}

export interface HttpClient {
  axios: AxiosInstance;
  /** Where requests go through (for messages): "directly" or "through proxy http://host:port". */
  route: string;
}

/** The proxy to use for `url`: explicit target setting, then settings' network.proxy, then the environment. */
export function proxyFor(
  url: string,
  target: HttpTargetOptions,
  network: Settings['network'],
): string | undefined {
  if (target.proxy === false) return undefined;
  if (typeof target.proxy === 'string') return target.proxy;
  if (network?.proxy) {
    const host = new URL(url).hostname;
    const skip = (network.noProxy ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)
      .some(
        (p) =>
          p === '*' ||
          host === p.replace(/^\./, '') ||
          host.endsWith(p.startsWith('.') ? p : `.${p}`),
      );
    return skip ? undefined : network.proxy;
  }
  return getProxyForUrl(url) || undefined;
}

/**
 * CONNECT through a proxy, with our CA and verification applied to the TLS session with the target
 * (https-proxy-agent applies its constructor's options to the proxy connection only).
 */
class TlsProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    private readonly tlsOpts: { ca?: string[]; rejectUnauthorized: boolean },
  ) {
    super(proxy, { keepAlive: true });
  }
  override connect(
    req: http.ClientRequest,
    opts: Parameters<HttpsProxyAgent<string>['connect']>[1],
  ) {
    // The agent drops `host` before the TLS handshake, so check the name against the target here
    // (an IP address cannot be sent as SNI, but must still match the certificate).
    const host = String(opts.host ?? '');
    const checkServerIdentity = (_name: string, cert: tls.PeerCertificate) =>
      tls.checkServerIdentity(host, cert);
    return super.connect(req, { ...opts, ...this.tlsOpts, checkServerIdentity } as typeof opts);
  }
}

/** Fails a socket that has not connected within `ms` (the stall timeout covers the rest). */
function withConnectTimeout<A extends http.Agent>(agent: A, ms: number, secure: boolean): A {
  const create = (
    agent as unknown as { createConnection: (...a: unknown[]) => Duplex }
  ).createConnection.bind(agent);
  (agent as unknown as { createConnection: (...a: unknown[]) => Duplex }).createConnection = (
    ...args: unknown[]
  ) => {
    const sock = create(...args) as net.Socket;
    const timer = setTimeout(
      () => sock.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
      ms,
    );
    sock.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
    sock.once('close', () => clearTimeout(timer));
    return sock;
  };
  return agent;
}

export async function makeHttpClient(
  target: HttpTargetOptions,
  network: Settings['network'],
  warn: (msg: string) => void,
): Promise<HttpClient> {
  const url = new URL(target.url);
  const secure = url.protocol === 'https:';
  const caFile = target.caFile ?? network?.caFile;
  let ca: string[] | undefined;
  if (caFile) {
    try {
      ca = [...tls.rootCertificates, await readFile(caFile, 'utf8')];
    } catch (e) {
      throw permanent(
        'config',
        `cannot read the CA bundle ${caFile}: ${(e as NodeJS.ErrnoException).code ?? e}`,
      );
    }
  }
  if (secure && target.insecureSkipTlsVerify)
    warn(
      `TLS CERTIFICATE CHECKS ARE OFF for ${url.origin} (insecureSkipTlsVerify): anyone on the network path can read the token and the bundle`,
    );
  const tlsOpts = { ca, rejectUnauthorized: !target.insecureSkipTlsVerify };
  const connectMs =
    target.connectTimeout ?? network?.connectTimeout ?? TARGET_DEFAULTS.connectTimeout;
  const stallMs = target.stallTimeout ?? network?.stallTimeout ?? TARGET_DEFAULTS.stallTimeout;
  // A loopback target is never reached through a proxy from the environment (the proxy's own
  // loopback is another machine); only a proxy the target names explicitly is used.
  const proxy =
    isLoopbackHost(url.hostname) && target.proxy === undefined
      ? undefined
      : proxyFor(target.url, target, network);

  let httpAgent: http.Agent | undefined;
  let httpsAgent: http.Agent | undefined;
  let axiosProxy:
    | {
        protocol: string;
        host: string;
        port: number;
        auth?: { username: string; password: string };
      }
    | false = false;
  if (proxy && secure) {
    httpsAgent = new TlsProxyAgent(proxy, tlsOpts);
  } else if (proxy) {
    const p = new URL(proxy);
    axiosProxy = {
      protocol: p.protocol.replace(':', ''),
      host: p.hostname,
      port: Number(p.port || (p.protocol === 'https:' ? 443 : 80)),
      ...(p.username
        ? {
            auth: {
              username: decodeURIComponent(p.username),
              password: decodeURIComponent(p.password),
            },
          }
        : {}),
    };
    httpAgent = withConnectTimeout(new http.Agent({ keepAlive: true }), connectMs, false);
  } else if (secure) {
    httpsAgent = withConnectTimeout(
      new https.Agent({ ...tlsOpts, keepAlive: true }),
      connectMs,
      true,
    );
  } else {
    httpAgent = withConnectTimeout(new http.Agent({ keepAlive: true }), connectMs, false);
  }
  const instance = axios.create({
    baseURL: target.url.replace(/\/+$/, ''),
    maxRedirects: 0,
    proxy: axiosProxy,
    httpAgent,
    httpsAgent,
    timeout: stallMs,
    maxBodyLength: Infinity,
    maxContentLength: 512 * 1024 * 1024,
    validateStatus: (s) => s >= 200 && s < 300,
  });
  return { axios: instance, route: proxy ? `through proxy ${redactProxy(proxy)}` : 'directly' };
}

/** A proxy URL for messages: user and password removed. */
export function redactProxy(proxy: string): string {
  try {
    const u = new URL(proxy);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'the configured proxy';
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO|UNABLE_TO_GET_ISSUER/;

/** An axios error as a SubmitError naming `what` (e.g. "RT at https://rt.example"); no headers, no body secrets. */
export function httpError(e: unknown, what: string, route: string): SubmitError {
  const ax = e as AxiosError;
  const status = ax.response?.status;
  if (status !== undefined) {
    const body = ax.response?.data;
    const detail =
      body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
        ? `: ${body.message.slice(0, 300)}`
        : '';
    if (status === 401 || status === 403)
      return permanent('auth', `${what} refused the credentials (HTTP ${status})${detail}`);
    if (status >= 300 && status < 400)
      return permanent(
        'config',
        `${what} answered with a redirect (HTTP ${status}${ax.response?.headers?.location ? ` to ${ax.response.headers.location}` : ''}); casepack does not follow redirects with credentials: fix the URL in the settings`,
      );
    if (status === 408 || status === 429 || status >= 500)
      return transient('remote', `${what} answered HTTP ${status}${detail}; will retry`);
    return permanent('remote', `${what} answered HTTP ${status}${detail}`);
  }
  const code = ax.code ?? (ax.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (TLS_CODES.test(code))
    return permanent(
      'network',
      `cannot trust the TLS certificate of ${what} (${code}): add the CA that signed it as \`caFile\` in the settings`,
    );
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(ax.message ?? ''))
    return transient('timeout', `${what} did not answer in time (${route})`);
  if (code === 'ECONNREFUSED')
    return transient('network', `${what} refused the connection (${route}): is it running?`);
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ERR_BAD_RESPONSE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE'
  )
    return transient('network', `${what} closed the connection (${route})`);
  if (code === 'ENOTFOUND')
    return permanent('network', `the host of ${what} does not resolve (${route})`);
  if (code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return transient('network', `${what} is unreachable (${route}, ${code})`);
  return transient('network', `${what}: ${ax.message ?? String(e)} (${route})`);
}
