// Finding a file of the renderer build for a request path (`casepack serve` and the desktop app's
// custom protocol both use this). A request path can never leave the renderer folder: it is decoded
// once, must not hold NUL or backslashes, is resolved, and the real path (symlinks followed) must
// still lie inside the folder. Unknown paths without an extension get index.html (client routes).
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The file to send for a URL path, or undefined (404). Never a path outside `root`. */
export async function resolveStatic(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const realRoot = await realpath(root);
  let rel = decoded.replace(/^\/+/, '');
  if (rel === '') rel = 'index.html';
  const candidate = path.resolve(realRoot, rel);
  if (!inside(realRoot, candidate)) return undefined;
  try {
    const real = await realpath(candidate);
    if (!inside(realRoot, real)) return undefined;
    if ((await stat(real)).isFile()) return real;
  } catch {
    // fall through: a client-side route (no extension) gets the app's page
  }
  if (path.extname(rel) === '') return path.join(realRoot, 'index.html');
  return undefined;
}

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
