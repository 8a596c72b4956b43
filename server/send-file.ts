// Sending one file of the renderer build (already checked by resolveStatic) with the UI's headers.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { contentType } from '../core/node/ui/static-files.js';

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string>): void {
  // Hashed assets may be cached; the page itself is always fetched fresh.
  const cache = file.endsWith('.html') ? 'no-store' : 'private, max-age=3600';
  res.writeHead(200, { ...headers, 'Content-Type': contentType(file), 'Cache-Control': cache });
  const s = createReadStream(file);
  s.on('error', () => res.destroy());
  s.pipe(res);
}
