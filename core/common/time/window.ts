// The collection's time window: `--since 24h`, `--since 2026-11-27T08:00`, `--until ...`.
// A log line is in the window when since <= t < until.
import { CasepackError } from '../errors.js';
import { parseDuration } from '../units.js';
import type { ZoneClock } from './zone.js';

export const DEFAULT_SINCE = '72h';

export interface TimeWindow {
  /** UTC ms, inclusive. */
  since: number;
  /** UTC ms, exclusive. */
  until: number;
  /** Zone used for times written without one (flags and logs). */
  timezone: string;
}

const ISO_ARG =
  /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d\d:?\d\d|[+-]\d\d)?$/i;

/**
 * A time as a user writes it on the command line: a duration back from `now` (`24h`, `7d`,
 * `90m`), `now`, or an ISO date or date-time; without a zone it is wall-clock time in `zone`.
 */
export function parseTimeArg(input: string, opts: { now: number; zone: ZoneClock }): number {
  const s = input.trim();
  if (s.toLowerCase() === 'now') return opts.now;
  const d = parseDuration(s);
  if (d !== undefined) return opts.now - d;
  const m = ISO_ARG.exec(s);
  if (m) {
    const [y, mo, day, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
    const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
    const wall = Date.UTC(y!, mo! - 1, day!, h!, mi!, sec!, ms);
    const valid =
      mo! >= 1 &&
      mo! <= 12 &&
      h! <= 23 &&
      mi! <= 59 &&
      sec! <= 59 &&
      new Date(wall).getUTCDate() === day;
    if (valid) {
      const z = m[8];
      if (!z) return opts.zone.toUtc(wall);
      if (z.toUpperCase() === 'Z') return wall;
      const zm = /^([+-])(\d\d):?(\d\d)?$/.exec(z)!;
      const off = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * (zm[1] === '-' ? -1 : 1);
      return wall - off * 60_000;
    }
  }
  throw new CasepackError(
    'usage',
    `not a time: "${input}" (write a duration back from now like 24h or 7d, or a date-time like 2026-11-27T08:00 or 2026-11-27T08:00+01:00)`,
  );
}

/** since/until from flags (or the settings' default); since must come before until. */
export function resolveWindow(opts: {
  since?: string | undefined;
  until?: string | undefined;
  defaultSince?: string | undefined;
  now: number;
  zone: ZoneClock;
}): TimeWindow {
  const until = opts.until ? parseTimeArg(opts.until, opts) : opts.now;
  const since = parseTimeArg(opts.since ?? opts.defaultSince ?? DEFAULT_SINCE, opts);
  if (!(since < until))
    throw new CasepackError(
      'usage',
      `the time window is empty: --since ${new Date(since).toISOString()} is not before --until ${new Date(until).toISOString()}`,
    );
  return { since, until, timezone: opts.zone.timeZone };
}
