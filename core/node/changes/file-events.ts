// Files that appeared or changed within the window: cron jobs, service units and init scripts, and
// (without a baseline) the profile's configuration files and product patches. Judged by the file's
// own times: the later of mtime and ctime (ctime cannot be set back by `cp -p` or `touch`), and the
// birth time, where the file system keeps one, to tell a new file from a changed one.
import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { FileEvent } from '../../common/changes/summary.js';
import { walkGlob } from '../collect/walk.js';

/** Cap per list; a package upgrade can touch hundreds of unit files at once. */
export const MAX_FILE_EVENTS = 300;

const CRON = [
  '/etc/crontab',
  '/etc/anacrontab',
  '/etc/cron.d/*',
  '/etc/cron.hourly/*',
  '/etc/cron.daily/*',
  '/etc/cron.weekly/*',
  '/etc/cron.monthly/*',
  '/var/spool/cron/crontabs/*',
  '/var/spool/cron/*',
];

const SERVICES = [
  '/etc/systemd/system/**',
  '/lib/systemd/system/*',
  '/usr/lib/systemd/system/*',
  '/etc/init.d/*',
];
const UNIT = /\.(service|timer|socket|path|mount|target)$|\.d\/[^/]+\.conf$|^\/etc\/init\.d\//;

export interface Window {
  since: number;
  until: number;
}

/** A FileEvent when the file changed in the window (undefined otherwise). */
export function eventFor(
  shown: string,
  st: Stats,
  w: Window,
  kind: FileEvent['kind'],
): FileEvent | undefined {
  const t = Math.max(st.mtimeMs, st.ctimeMs);
  if (t < w.since || t >= w.until) return undefined;
  const born = st.birthtimeMs > 0 && st.birthtimeMs >= w.since && st.birthtimeMs < w.until;
  return { path: shown, kind, change: born ? 'new' : 'changed', time: new Date(t).toISOString() };
}

async function scan(
  root: string,
  globs: string[],
  kind: FileEvent['kind'],
  w: Window,
  accept: (p: string) => boolean,
): Promise<{ events: FileEvent[]; omitted: number }> {
  const events: FileEvent[] = [];
  const seen = new Set<string>();
  let omitted = 0;
  for (const g of globs) {
    for await (const e of walkGlob(path.join(root, g), { maxVisited: 50_000 })) {
      if (e.type !== 'file' && e.type !== 'special') continue;
      const shown = path.join('/', path.relative(root, e.path));
      if (seen.has(shown) || !accept(shown)) continue;
      seen.add(shown);
      // lstat: enabling a service adds a symlink; its own times say when.
      const st = await lstat(e.path).catch(() => undefined);
      const ev = st && eventFor(shown, st, w, kind);
      if (!ev) continue;
      if (events.length < MAX_FILE_EVENTS) events.push(ev);
      else omitted++;
    }
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { events, omitted };
}

export function cronChanges(root: string, w: Window) {
  return scan(root, CRON, 'cron', w, (p) => !p.endsWith('/.placeholder'));
}

export function serviceChanges(root: string, w: Window) {
  return scan(root, SERVICES, 'service', w, (p) => UNIT.test(p));
}
