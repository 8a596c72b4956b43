// The checks every request to `casepack serve` passes before anything else runs:
// Host (DNS rebinding) and Origin (cross-site requests) give 403; no session gives 401.
// The session starts when the one-time token from the printed URL is exchanged for a cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Names the page may be reached by: loopback only (an SSH tunnel keeps them, with its own port). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function hostName(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(hostHeader.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

export function hostAllowed(req: IncomingMessage, extraHosts: ReadonlySet<string>): boolean {
  const name = hostName(req.headers.host);
  return name !== undefined && (LOOPBACK_HOSTS.has(name) || extraHosts.has(name));
}

/**
 * A browser names the page that made a request in Origin (and Sec-Fetch-Site). Only the page's own
 * origin may call us: the Origin must be exactly http://<the Host header>.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://${req.headers.host}`;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type AuthResult = 'session' | 'token' | 'token-used' | 'none';

export class SessionGuard {
  readonly token = randomBytes(24).toString('base64url');
  private readonly session = randomBytes(32).toString('base64url');
  private tokenUsed = false;
  private port = 0;

  /** Cookies ignore ports: ours is named after the port so two servers do not overwrite each other. */
  get cookieName(): string {
    return `casepack_${this.port}`;
  }

  listeningOn(port: number): void {
    this.port = port;
  }

  check(req: IncomingMessage, url: URL): AuthResult {
    const cookie = readCookie(req.headers.cookie, this.cookieName);
    if (cookie !== undefined && sameSecret(cookie, this.session)) return 'session';
    const t = url.searchParams.get('token');
    if (t !== null) {
      if (!sameSecret(t, this.token)) return 'none';
      if (this.tokenUsed) return 'token-used';
      this.tokenUsed = true;
      return 'token';
    }
    return 'none';
  }

  setCookieHeader(): string {
    return `${this.cookieName}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
