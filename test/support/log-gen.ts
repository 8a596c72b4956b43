// Real-looking log files for the time-window tests, written by code independent of the parser:
// each entry's instant is known, so the expected window is computed from instants, not by parsing.
import { appendFile, utimes, writeFile } from 'node:fs/promises';

export type GenFormat =
  | 'log4j'
  | 'iso-offset'
  | 'syslog'
  | 'clf'
  | 'ctime'
  | 'epoch'
  | 'slash-iso'
  | 'tomcat'
  | 'yy-mm-dd'
  | 'yymmdd'
  | 'prefixed-iso'
  | 'audit';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

/** Wall-clock fields of an instant in a zone, via Intl's formatter. */
function wall(t: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(t));
  const g = (k: string) => parts.find((p) => p.type === k)!.value;
  return {
    y: Number(g('year')),
    mo: Number(g('month')),
    d: Number(g('day')),
    h: Number(g('hour')),
    mi: Number(g('minute')),
    s: Number(g('second')),
    ms: t % 1000,
    wd: g('weekday'),
  };
}

/** The timestamp text of one entry; zone-less formats are written as wall-clock time of `zone`. */
export function stamp(fmt: GenFormat, t: number, zone: string): string {
  const w = wall(t, zone);
  const date = `${w.y}-${p2(w.mo)}-${p2(w.d)}`;
  const time = `${p2(w.h)}:${p2(w.mi)}:${p2(w.s)}`;
  switch (fmt) {
    case 'log4j':
      return `${date} ${time},${p3(w.ms)}`;
    case 'iso-offset': {
      const u = new Date(t).toISOString(); // always UTC, written with an explicit Z
      return u;
    }
    case 'syslog':
      return `${MON[w.mo - 1]} ${String(w.d).padStart(2, ' ')} ${time}`;
    case 'clf': {
      const u = wall(t, 'UTC');
      return `[${p2(u.d)}/${MON[u.mo - 1]}/${u.y}:${p2(u.h)}:${p2(u.mi)}:${p2(u.s)} +0000]`;
    }
    case 'ctime':
      return `[${w.wd} ${MON[w.mo - 1]} ${p2(w.d)} ${time} ${w.y}]`;
    case 'epoch':
      return `${Math.floor(t / 1000)}.${p3(t % 1000)}`;
    case 'slash-iso':
      return `${w.y}/${p2(w.mo)}/${p2(w.d)} ${time}`;
    case 'tomcat':
      return `${p2(w.d)}-${MON[w.mo - 1]}-${w.y} ${time}.${p3(w.ms)}`;
    case 'yy-mm-dd':
      return `${p2(w.y % 100)}/${p2(w.mo)}/${p2(w.d)} ${time}`;
    case 'yymmdd':
      return `${p2(w.y % 100)}${p2(w.mo)}${p2(w.d)} ${p2(w.h)}${p2(w.mi)}${p2(w.s)}`;
    case 'prefixed-iso':
      return `nova-api.log.1 ${date} ${time}.${p3(w.ms)}`;
    case 'audit':
      return `type=SYSCALL msg=audit(${Math.floor(t / 1000)}.${p3(t % 1000)}:${t % 997})`;
  }
}

/** Formats that write whole seconds: an entry's instant is what the line says. */
const SECONDS_ONLY = new Set<GenFormat>([
  'syslog',
  'clf',
  'ctime',
  'slash-iso',
  'yy-mm-dd',
  'yymmdd',
]);

export function writtenInstant(fmt: GenFormat, t: number): number {
  return SECONDS_ONLY.has(fmt) ? t - (t % 1000) : t;
}

/** One entry: a line, or a line plus a stack trace whose lines start with no timestamp. */
export function entry(fmt: GenFormat, t: number, zone: string, i: number): string {
  const s = stamp(fmt, t, zone);
  const line =
    fmt === 'clf'
      ? `10.0.0.${i % 250} - - ${s} "GET /item/${i} HTTP/1.1" 200 ${i}\n`
      : `${s} ${i % 7 === 0 ? 'ERROR' : 'INFO '} [worker-${i % 4}] request ${i} handled\n`;
  if (fmt === 'clf' || i % 5 !== 0) return line;
  return (
    line +
    `java.lang.IllegalStateException: entry ${i} failed\n` +
    `\tat com.example.Service.handle(Service.java:${i % 300})\n` +
    `\tat com.example.Worker.run(Worker.java:42)\n`
  );
}

export interface GeneratedLog {
  file: string;
  /** Each entry's instant and text, in file order. */
  entries: Array<{ t: number; text: string }>;
}

/** Entries every `stepMs` from `from`; the file's mtime is set to the last entry. */
export async function writeLog(
  file: string,
  fmt: GenFormat,
  opts: { from: number; count: number; stepMs: number; zone: string; header?: string },
): Promise<GeneratedLog> {
  const entries: GeneratedLog['entries'] = [];
  let chunk = opts.header ?? '';
  await writeFile(file, '');
  for (let i = 0; i < opts.count; i++) {
    const t = writtenInstant(fmt, opts.from + i * opts.stepMs);
    const text = entry(fmt, t, opts.zone, i);
    entries.push({ t, text });
    chunk += text;
    if (chunk.length > 1 << 20) {
      await appendFile(file, chunk);
      chunk = '';
    }
  }
  await appendFile(file, chunk);
  const last = entries[entries.length - 1]!.t / 1000;
  await utimes(file, last, last);
  return { file, entries };
}

/** The text a window [since, until) must keep: whole entries, in order, unchanged. */
export function expectedWindow(log: GeneratedLog, since: number, until: number): string {
  return log.entries
    .filter((e) => e.t >= since && e.t < until)
    .map((e) => e.text)
    .join('');
}
