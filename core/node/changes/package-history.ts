// Package manager history within the window: dpkg.log and apt's history.log (with their rotated
// and gzipped generations), and rpm's install times. Read line by line as streams; a history file
// last written before the window is not opened at all. `root` points at another system's files
// (a mounted image, a chroot, test fixtures) instead of this host's.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  AptHistoryParser,
  aptTime,
  parseDpkgLine,
  parseRpmLine,
} from '../../common/changes/package-log.js';
import type { AptTransaction, PackageEvent } from '../../common/changes/summary.js';
import type { ZoneClock } from '../../common/time/zone.js';
import { errorMessage } from '../../common/errors.js';

/** Events kept for the summary; the raw history entry keeps every line in the window. */
export const MAX_PACKAGE_EVENTS = 2000;
const MAX_RAW_LINES = 20_000;

export interface PackageHistory {
  events: PackageEvent[];
  omitted: number;
  transactions: AptTransaction[];
  /** The history lines within the window, oldest file first, as the logs have them. */
  raw: string[];
  sources: string[];
}

export interface HistoryOptions {
  root: string;
  since: number;
  until: number;
  zone: ZoneClock;
}

/** `dpkg.log`, `dpkg.log.1`, `dpkg.log.2.gz`, ... oldest first. */
async function generations(dir: string, base: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const gen = (n: string) => {
    if (n === base) return 0;
    const m = new RegExp(`^${base.replace('.', '\\.')}\\.(\\d+)(\\.gz)?$`).exec(n);
    return m ? Number(m[1]) : -1;
  };
  return names
    .filter((n) => gen(n) >= 0)
    .sort((a, b) => gen(b) - gen(a))
    .map((n) => path.join(dir, n));
}

async function* lines(file: string): AsyncGenerator<string> {
  let src: Readable = createReadStream(file);
  if (file.endsWith('.gz')) src = src.pipe(createGunzip());
  const rl = createInterface({ input: src, crlfDelay: Infinity });
  try {
    for await (const l of rl) yield l;
  } finally {
    rl.close();
    src.destroy();
  }
}

const inWindow = (iso: string, o: HistoryOptions) => {
  const t = Date.parse(iso);
  return t >= o.since && t < o.until;
};

async function readHistory(
  files: string[],
  o: HistoryOptions,
  h: PackageHistory,
  each: (line: string, file: string) => 'keep' | 'drop',
): Promise<void> {
  for (const f of files) {
    const shown = path.join('/', path.relative(o.root, f));
    try {
      // A generation last written before the window holds nothing in it.
      if ((await stat(f)).mtimeMs < o.since) continue;
      for await (const l of lines(f))
        if (each(l, shown) === 'keep' && h.raw.length < MAX_RAW_LINES) h.raw.push(l);
      h.sources.push(shown);
    } catch (e) {
      h.sources.push(
        `${shown}: not read (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)})`,
      );
    }
  }
}

function push(h: PackageHistory, ev: PackageEvent): void {
  if (h.events.length < MAX_PACKAGE_EVENTS) h.events.push(ev);
  else h.omitted++;
}

function rpmHistory(o: HistoryOptions, h: PackageHistory): Promise<void> {
  const args = ['-qa', '--qf', '%{INSTALLTIME} %{NAME} %{VERSION}-%{RELEASE} %{ARCH}\\n'];
  if (o.root !== '/') args.unshift('--root', o.root);
  return new Promise((resolve) => {
    execFile('rpm', args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err && !stdout) {
        h.sources.push(`rpm -qa: not run (${(err as NodeJS.ErrnoException).code ?? err.message})`);
        return resolve();
      }
      for (const l of stdout.split('\n')) {
        const ev = parseRpmLine(l, 'rpm -qa');
        if (ev && inWindow(ev.time, o)) {
          push(h, ev);
          if (h.raw.length < MAX_RAW_LINES) h.raw.push(`${ev.time} installed ${ev.name}-${ev.to}`);
        }
      }
      h.sources.push('rpm -qa');
      resolve();
    });
  });
}

export async function packageHistory(o: HistoryOptions): Promise<PackageHistory> {
  const h: PackageHistory = { events: [], omitted: 0, transactions: [], raw: [], sources: [] };
  const log = path.join(o.root, 'var', 'log');
  const dpkg = await generations(log, 'dpkg.log');
  await readHistory(dpkg, o, h, (l, file) => {
    const ev = parseDpkgLine(l, o.zone, file);
    if (!ev || !inWindow(ev.time, o)) return 'drop';
    push(h, ev);
    return 'keep';
  });
  // apt's history adds who ran what; its package lists repeat dpkg's, so they are used only
  // when there is no dpkg.log.
  const useAptEvents = dpkg.length === 0;
  const apt = await generations(path.join(log, 'apt'), 'history.log');
  for (const f of apt) {
    const parser = new AptHistoryParser(o.zone, path.join('/', path.relative(o.root, f)));
    let keep = false;
    const take = (r: ReturnType<AptHistoryParser['take']>) => {
      if (!r || !inWindow(r.tx.start, o)) return;
      h.transactions.push(r.tx);
      if (useAptEvents) for (const ev of r.events) push(h, ev);
    };
    await readHistory([f], o, h, (l) => {
      take(parser.take(l));
      if (l.startsWith('Start-Date: '))
        keep = inWindow(aptTime(l.slice('Start-Date: '.length), o.zone) ?? '', o);
      return keep ? 'keep' : 'drop';
    });
    take(parser.flush());
  }
  if (await stat(path.join(o.root, 'var', 'lib', 'rpm')).catch(() => undefined))
    await rpmHistory(o, h);
  h.events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return h;
}
