// The app's pages come from casepack://app/, never file:// (file:// pages can read any local file).
// The handler serves only the renderer build and sends the same CSP as `casepack serve`.
import { readFile } from 'node:fs/promises';
import { UI_CSP } from '../../core/common/csp.js';
import { contentType, resolveStatic } from '../../core/node/ui/static-files.js';

export const APP_SCHEME = 'casepack';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Node's URL gives non-special schemes an opaque origin ("null"): compare scheme and host. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app';
  } catch {
    return false;
  }
}

/**
 * `npm run dev` serves the renderer from Vite's dev server (ELECTRON_RENDERER_URL) for hot reload;
 * only an unpackaged app trusts that origin besides its own protocol.
 */
export function appUrlCheck(devUrl: string | undefined): (url: string) => boolean {
  if (!devUrl) return isAppUrl;
  const dev = new URL(devUrl).origin;
  return (url) => {
    if (isAppUrl(url)) return true;
    try {
      return new URL(url).origin === dev;
    } catch {
      return false;
    }
  };
}

/** Privileges for protocol.registerSchemesAsPrivileged (before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false },
};

/** The response to one request on casepack:// (Response is global in Electron's main). */
export async function appProtocolResponse(
  rendererDir: string,
  requestUrl: string,
): Promise<Response> {
  const headers = { 'Content-Security-Policy': UI_CSP, 'X-Content-Type-Options': 'nosniff' };
  if (!isAppUrl(requestUrl)) return new Response('not found', { status: 404, headers });
  const file = await resolveStatic(rendererDir, new URL(requestUrl).pathname);
  if (!file) return new Response('not found', { status: 404, headers });
  return new Response(await readFile(file), {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType(file) },
  });
}
