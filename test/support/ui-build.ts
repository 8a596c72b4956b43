// Tests of the desktop and browser UI need the built bundles (out/main, out/preload, out/renderer).
// `npm test` builds them first; a test run on its own builds them here when sources are newer.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

export const outDir = path.join(repoRoot, 'out');
export const preloadBundle = path.join(outDir, 'preload', 'index.cjs');
export const rendererOut = path.join(outDir, 'renderer');

function newest(dir: string): number {
  let t = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    t = Math.max(t, d.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  let built: number;
  try {
    built = Math.min(
      statSync(preloadBundle).mtimeMs,
      statSync(path.join(rendererOut, 'index.html')).mtimeMs,
    );
  } catch {
    return true;
  }
  const sources = ['renderer', 'electron', 'core/common'].map((d) =>
    newest(path.join(repoRoot, d)),
  );
  return (
    Math.max(...sources, statSync(path.join(repoRoot, 'electron.vite.config.ts')).mtimeMs) > built
  );
}

/** Build the UI bundles once if they are missing or older than their sources (one builder at a time). */
export function ensureUiBuilt(): void {
  if (!stale()) return;
  const lock = path.join(repoRoot, '.ui-build.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error(`${lock} held for too long`);
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    if (stale())
      execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
        cwd: repoRoot,
        stdio: 'pipe',
      });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
