// The timestamp shapes casepack recognises at the start of a log line (docs/technical/collection.md
// lists them with examples). Each format parses the head of one line (its first ~200 characters,
// decoded as latin1 so byte offsets never shift) into a UTC instant, or says "not mine".
import type { ZoneClock } from './zone.js';

export interface TimestampContext {
  /** Zone for timestamps that carry no offset. */
  zone: ZoneClock;
  /**
   * For formats without a year (syslog): the file's modification time (UTC ms). A line is never
   * later than the file's last write, so a date that would be is taken from the year before
   * (a log written across New Year).
   */
  referenceMs: number;
}

export interface TimestampFormat {
  id: string;
  /** An example, for documentation and messages. */
  example: string;
  parse(head: string, ctx: TimestampContext): number | undefined;
}

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** Later than this after the reference (file mtime), a yearless date belongs to the year before. */
const YEARLESS_SLACK_MS = 2 * 86_400_000;
const MIN_EPOCH_S = 946_684_800; // 2000-01-01
const MAX_EPOCH_S = 4_102_444_800; // 2100-01-01

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** Fraction digits as written ("123", "008", "123456"). */
  frac?: string | undefined;
  /** Offset from UTC in minutes when the timestamp says it. */
  offsetMin?: number | undefined;
}

function fracMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Math.floor(Number((frac + '00').slice(0, 3)));
}

/** Validated wall-clock ms (Date.UTC of the fields), or undefined for an impossible date. */
function wallOf(f: Fields): number | undefined {
  if (f.mo < 1 || f.mo > 12 || f.d < 1 || f.d > 31 || f.h > 23 || f.mi > 59 || f.s > 60)
    return undefined;
  const ms = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, Math.min(f.s, 59)) + fracMs(f.frac);
  // Reject 31 Feb and friends (Date.UTC would roll them into the next month).
  if (new Date(ms).getUTCDate() !== f.d) return undefined;
  return ms;
}

function toInstant(f: Fields, ctx: TimestampContext): number | undefined {
  const wall = wallOf(f);
  if (wall === undefined) return undefined;
  return f.offsetMin === undefined ? ctx.zone.toUtc(wall) : wall - f.offsetMin * 60_000;
}

/** "+01:00", "-0500", "+02", "Z", " UTC" -> minutes; undefined when absent. */
function parseOffset(z: string | undefined): number | undefined {
  if (!z) return undefined;
  const t = z.trim();
  if (t === 'Z' || t === 'UTC' || t === 'GMT') return 0;
  const m = /^([+-])(\d\d):?(\d\d)?$/.exec(t);
  if (!m) return undefined;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

function twoDigitYear(yy: string): number {
  const n = Number(yy);
  return n < 70 ? 2000 + n : 1900 + n;
}

/** Year for a yearless date: the reference's year, or the year before when that would be later. */
function yearlessInstant(f: Omit<Fields, 'y'>, ctx: TimestampContext): number | undefined {
  const refYear = new Date(ctx.zone.toWall(ctx.referenceMs)).getUTCFullYear();
  const t = toInstant({ ...f, y: refYear }, ctx);
  if (t !== undefined && t <= ctx.referenceMs + YEARLESS_SLACK_MS) return t;
  return toInstant({ ...f, y: refYear - 1 }, ctx);
}

// ISO-8601 and its log4j/logback/WildFly/Python cousins: 2026-11-27T10:00:00.123+01:00,
// 2026-11-27 10:00:00,123, [2026-11-27 10:00:00], 2026-11-27 10:00:00.123 UTC.
const ISO_BODY =
  '(\\d{4})-(\\d\\d)-(\\d\\d)[T ](\\d\\d):(\\d\\d):(\\d\\d)(?:[.,](\\d{1,9}))?' +
  '(Z|[+-]\\d\\d:\\d\\d|[+-]\\d{4}|[+-]\\d\\d(?![\\d:])| [+-]\\d\\d:?\\d\\d(?!\\d)| UTC\\b| GMT\\b)?';
const ISO = new RegExp(`^\\[?${ISO_BODY}`);
// OpenStack and other aggregated logs put a source name first: "nova-api.log.1 2017-05-16 00:00:00.008".
const PREFIXED_ISO = new RegExp(`^[^\\s\\[]+ \\[?${ISO_BODY}`);

/** Hours, minutes, seconds and fraction from four consecutive groups starting at `i`. */
function hms(m: RegExpExecArray, i: number): Pick<Fields, 'h' | 'mi' | 's' | 'frac'> {
  return { h: Number(m[i]), mi: Number(m[i + 1]), s: Number(m[i + 2]), frac: m[i + 3] };
}

/** Groups in ISO order: year, month, day, h, mi, s, fraction, offset. */
function isoFields(m: RegExpExecArray): Fields {
  return {
    y: Number(m[1]),
    mo: Number(m[2]),
    d: Number(m[3]),
    ...hms(m, 4),
    offsetMin: parseOffset(m[8]),
  };
}

const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?= )/;
const CLF = /\[(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? ([+-]\d{4})\]/;
const CTIME =
  /^\[?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? (\d{4})\]?/;
const AUDIT = /^type=\S+ msg=audit\((\d{10})\.(\d{3}):\d+\)/;
const EPOCH = /^\[?(\d{10})(?:\.(\d{1,9}))?(?![\d.])|^\[?(\d{13})(?!\d)/;
const SLASH_ISO = /^\[?(\d{4})\/(\d\d)\/(\d\d)[ T-](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?/;
const TOMCAT = /^(\d\d)-([A-Z][a-z]{2})-(\d{4}) (\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?/;
const YY_SLASH = /^(\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(?!\d)/;
const YYMMDD = /^(\d\d)(\d\d)(\d\d) (\d\d)(\d\d)(\d\d)(?!\d)/;
// apt's history.log: a block per run, opened by "Start-Date:"; the other lines belong to it.
const APT = /^Start-Date: (\d{4})-(\d\d)-(\d\d) {1,2}(\d\d):(\d\d):(\d\d)/;

function epochMs(seconds: number, frac?: string): number | undefined {
  if (seconds < MIN_EPOCH_S || seconds >= MAX_EPOCH_S) return undefined;
  return seconds * 1000 + fracMs(frac);
}

/** In order of preference when a sample matches several equally well. */
export const TIMESTAMP_FORMATS: readonly TimestampFormat[] = [
  {
    id: 'iso',
    example: '2026-11-27 10:00:00,123 / 2026-11-27T10:00:00.123+01:00',
    parse(head, ctx) {
      const m = ISO.exec(head);
      return m ? toInstant(isoFields(m), ctx) : undefined;
    },
  },
  {
    id: 'syslog',
    example: 'Nov 27 10:00:00 (no year: taken from the file time)',
    parse(head, ctx) {
      const m = SYSLOG.exec(head);
      const mo = m && MONTHS[m[1]!];
      if (!m || !mo) return undefined;
      return yearlessInstant({ mo, d: Number(m[2]), ...hms(m, 3) }, ctx);
    },
  },
  {
    id: 'clf',
    example: '127.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" (Apache/NGINX access)',
    parse(head, ctx) {
      const m = CLF.exec(head);
      const mo = m && MONTHS[m[2]!];
      if (!m || !mo || m.index > 160) return undefined;
      const f = { y: Number(m[3]), mo, d: Number(m[1]), ...hms(m, 4) };
      return toInstant({ ...f, offsetMin: parseOffset(m[8]) }, ctx);
    },
  },
  {
    id: 'ctime',
    example: '[Sun Dec 04 04:47:44 2005] (Apache error log)',
    parse(head, ctx) {
      const m = CTIME.exec(head);
      const mo = m && MONTHS[m[1]!];
      if (!m || !mo) return undefined;
      return toInstant({ y: Number(m[7]), mo, d: Number(m[2]), ...hms(m, 3) }, ctx);
    },
  },
  {
    id: 'prefixed-iso',
    example: 'nova-api.log.1 2017-05-16 00:00:00.008 (a source name, then ISO)',
    parse(head, ctx) {
      const m = PREFIXED_ISO.exec(head);
      return m ? toInstant(isoFields(m), ctx) : undefined;
    },
  },
  {
    id: 'audit',
    example: 'type=SYSCALL msg=audit(1795773600.123:42) (Linux audit)',
    parse(head) {
      const m = AUDIT.exec(head);
      return m ? epochMs(Number(m[1]), m[2]) : undefined;
    },
  },
  {
    id: 'apt-history',
    example: 'Start-Date: 2026-11-27  10:00:00 (apt history.log)',
    parse(head, ctx) {
      const m = APT.exec(head);
      return m ? toInstant(isoFields(m), ctx) : undefined;
    },
  },
  {
    id: 'epoch',
    example: '1795773600 / 1795773600.123 / 1795773600123 (seconds or ms since 1970)',
    parse(head) {
      const m = EPOCH.exec(head);
      if (!m) return undefined;
      if (m[3]) {
        const ms = Number(m[3]);
        return epochMs(Math.floor(ms / 1000)) === undefined ? undefined : ms;
      }
      return epochMs(Number(m[1]), m[2]);
    },
  },
  {
    id: 'slash-iso',
    example: '2026/11/27 10:00:00 (NGINX error log)',
    parse(head, ctx) {
      const m = SLASH_ISO.exec(head);
      return m ? toInstant(isoFields(m), ctx) : undefined;
    },
  },
  {
    id: 'tomcat',
    example: '27-Nov-2026 10:00:00.123 (Tomcat catalina)',
    parse(head, ctx) {
      const m = TOMCAT.exec(head);
      const mo = m && MONTHS[m[2]!];
      if (!m || !mo) return undefined;
      return toInstant({ y: Number(m[3]), mo, d: Number(m[1]), ...hms(m, 4) }, ctx);
    },
  },
  {
    id: 'yy-mm-dd',
    example: '17/06/09 20:10:40 (Spark, yy/MM/dd)',
    parse(head, ctx) {
      const m = YY_SLASH.exec(head);
      return m ? toInstant({ ...isoFields(m), y: twoDigitYear(m[1]!) }, ctx) : undefined;
    },
  },
  {
    id: 'yymmdd',
    example: '081109 203615 (HDFS, yyMMdd HHmmss)',
    parse(head, ctx) {
      const m = YYMMDD.exec(head);
      return m ? toInstant({ ...isoFields(m), y: twoDigitYear(m[1]!) }, ctx) : undefined;
    },
  },
];

export function formatById(id: string): TimestampFormat | undefined {
  return TIMESTAMP_FORMATS.find((f) => f.id === id);
}
