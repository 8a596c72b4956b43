// A small URL reader for settings checks (core/common has no WHATWG URL: it is neither ES nor Node-free).
import { isLoopbackHost } from './loopback.js';

export interface HttpUrlParts {
  protocol: string;
  host: string;
  port?: number;
  hasCredentials: boolean;
}

const URL_RE =
  /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([/?#].*)?$/i;

export function parseUrlParts(value: string): HttpUrlParts | undefined {
  const m = URL_RE.exec(value.trim());
  if (!m || !m[3]) return undefined;
  const port = m[4] ? Number(m[4]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return {
    protocol: (m[1] ?? '').toLowerCase(),
    host: m[3].toLowerCase(),
    port,
    hasCredentials: m[2] !== undefined,
  };
}

/** Why this URL may not carry credentials, or undefined when it is fine. */
export function httpUrlProblem(value: string): string | undefined {
  const u = parseUrlParts(value);
  if (!u) return `not a URL: ${JSON.stringify(value)}`;
  if (u.protocol !== 'https' && u.protocol !== 'http')
    return `only https:// URLs are supported, not ${u.protocol}://`;
  if (u.hasCredentials)
    return 'the URL must not carry a user or password: use `token: { env: ... }`';
  if (u.protocol === 'http' && !isLoopbackHost(u.host))
    return `http:// would send the credentials unencrypted to ${u.host}: use https:// (plain http is allowed only on 127.0.0.1, ::1 and localhost)`;
  return undefined;
}
