// Expanding a profile's path globs on the host: our own walker plus picomatch, because collection
// must never open a FIFO, socket or device, must notice symlink loops (by dev:ino of the directories
// above), and must say why a path was left out rather than silently dropping it.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';

export type WalkEntry =
  | { type: 'file'; path: string; stat: Stats }
  | { type: 'special'; path: string; what: string }
  | { type: 'loop'; path: string; reason: string }
  | { type: 'error'; path: string; reason: string };

export interface WalkOptions {
  /** Stop after visiting this many directory entries (a glob like /** must not walk forever). */
  maxVisited?: number;
  signal?: AbortSignal;
}

const PM = { dot: true } as const;

/** What kind of non-regular file this is, for messages ("FIFO", "socket", ...). */
export function specialKind(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'directory';
  return 'special file';
}

export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file';
    case 'ELOOP':
      return 'symlink loop (too many levels of symbolic links)';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return code ? `${code}: ${(e as Error).message}` : String(e);
  }
}

const devIno = (st: Stats): string => `${st.dev}:${st.ino}`;

/** How deep below the base a glob can reach, and a matcher per level to prune directories. */
function levels(glob: string): { max: number; dirMatch: ((s: string) => boolean)[] } {
  if (glob === '' || glob.includes('**') || /\{[^}]*\/[^}]*\}/.test(glob))
    return { max: Number.POSITIVE_INFINITY, dirMatch: [] };
  const segs = glob.split('/');
  return { max: segs.length, dirMatch: segs.map((s) => picomatch(s, PM)) };
}

/**
 * Every path matching an absolute glob (picomatch syntax). A literal path that is a directory means
 * everything below it. Symlinks are followed; a symlink whose target is a directory above it is
 * reported as a loop and not entered.
 */
export async function* walkGlob(
  pattern: string,
  opts: WalkOptions = {},
): AsyncGenerator<WalkEntry> {
  const scan = picomatch.scan(pattern);
  let base = scan.base || '/';
  let glob = scan.isGlob ? scan.glob : '';
  let st: Stats;
  try {
    st = await stat(base);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    if (code === 'ELOOP') yield { type: 'loop', path: base, reason: errnoReason(e) };
    else yield { type: 'error', path: base, reason: errnoReason(e) };
    return;
  }
  if (!scan.isGlob) {
    if (!st.isDirectory()) {
      const what = specialKind(st);
      yield what ? { type: 'special', path: base, what } : { type: 'file', path: base, stat: st };
      return;
    }
    glob = '**';
  }
  base = path.resolve(base);
  const match = picomatch(path.posix.join(base, glob), PM);
  const { max, dirMatch } = levels(glob);
  const maxVisited = opts.maxVisited ?? 200_000;
  let visited = 0;

  async function* walkDir(
    dir: string,
    depth: number,
    ancestors: Set<string>,
  ): AsyncGenerator<WalkEntry> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      yield { type: 'error', path: dir, reason: `cannot list directory: ${errnoReason(e)}` };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of entries) {
      opts.signal?.throwIfAborted();
      if (++visited > maxVisited) {
        yield {
          type: 'error',
          path: dir,
          reason: `stopped listing after ${maxVisited} entries (narrow the glob ${pattern})`,
        };
        return;
      }
      const full = path.join(dir, d.name);
      const level = depth + 1;
      let s: Stats | undefined;
      if (d.isSymbolicLink()) {
        try {
          s = await stat(full);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') continue; // a dangling link is not a file
          if (match(full))
            yield code === 'ELOOP'
              ? { type: 'loop', path: full, reason: errnoReason(e) }
              : { type: 'error', path: full, reason: errnoReason(e) };
          continue;
        }
      }
      const isDir = s ? s.isDirectory() : d.isDirectory();
      if (isDir) {
        if (level >= max) continue;
        const seg = dirMatch[level - 1];
        if (seg && !seg(d.name)) continue;
        s ??= await lstat(full).catch(() => undefined);
        if (!s) continue;
        if (ancestors.has(devIno(s))) {
          yield {
            type: 'loop',
            path: full,
            reason: 'symlink loop: this directory is one of its own parents',
          };
          continue;
        }
        yield* walkDir(full, level, new Set(ancestors).add(devIno(s)));
        continue;
      }
      if (level > max || !match(full)) continue;
      if (!s) {
        try {
          s = await stat(full);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // gone already
          yield { type: 'error', path: full, reason: errnoReason(e) };
          continue;
        }
      }
      const what = specialKind(s);
      yield what ? { type: 'special', path: full, what } : { type: 'file', path: full, stat: s };
    }
  }

  yield* walkDir(base, 0, new Set([devIno(st)]));
}

/** A matcher for forbid/exclude lists (absolute globs); returns the pattern that matched. */
export function globList(patterns: readonly string[]): (p: string) => string | undefined {
  const ms = patterns.map((p) => ({ p, m: picomatch(p, PM) }));
  return (p) => ms.find((x) => x.m(p))?.p;
}
