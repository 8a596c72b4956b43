#!/usr/bin/env node
// The `casepack` command. Runs the compiled CLI from dist/ (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Grow V8's old generation by 10% (at least V8's minimum step) after each full GC instead of up to
// 4x: `collect` streams gigabytes through short-lived buffers that V8 frees only with a full GC, so
// a lazily grown heap held 12-40 MB of dead buffers at its peak. Not a limit: the heap still grows
// as far as the work needs. See docs/technical/performance.md ("Memory of casepack collect").
setFlagsFromString('--heap-growing-percent=10');

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'casepack: not built yet; run `npm run build` in ' +
      fileURLToPath(new URL('..', import.meta.url)) +
      '\n',
  );
  process.exit(70);
}
await import(entry.href);
