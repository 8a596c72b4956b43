// Wall-clock time in an IANA zone <-> UTC, via Intl (no date library: we need only offsets).
// Log timestamps without an offset are wall-clock times in the host's zone or the profile's
// `timezone`; converting millions of them must be cheap, so offsets are cached per 15 minutes
// (every zone's transitions fall on quarter hours).

const QUARTER_HOUR = 15 * 60_000;
const CACHE_LIMIT = 50_000;

/** The zone the host's clock shows (TZ, else /etc/localtime), as an IANA name. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when `tz` is an IANA zone name this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ZoneClock {
  readonly timeZone: string;
  private readonly utc: boolean;
  private readonly fmt: Intl.DateTimeFormat | undefined;
  private readonly cache = new Map<number, number>();

  constructor(timeZone: string = hostTimeZone()) {
    this.timeZone = timeZone;
    this.utc = /^(Etc\/)?(UTC|UCT|Universal|Zulu|GMT)$/i.test(timeZone);
    this.fmt = this.utc
      ? undefined
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
  }

  /** Offset of this zone from UTC (ms, local minus UTC) at a UTC instant. */
  offsetAt(utcMs: number): number {
    if (!this.fmt) return 0;
    const bucket = Math.floor(utcMs / QUARTER_HOUR);
    const hit = this.cache.get(bucket);
    if (hit !== undefined) return hit;
    const at = bucket * QUARTER_HOUR;
    const f: Record<string, number> = {};
    for (const p of this.fmt.formatToParts(new Date(at))) {
      if (p.type !== 'literal') f[p.type] = Number(p.value);
    }
    const wall = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
    const offset = wall - at;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(bucket, offset);
    return offset;
  }

  /**
   * UTC instant of a wall-clock time given as `Date.UTC(fields)`. In a repeated hour (clocks going
   * back) the earlier instant wins; a time inside a gap (clocks going forward) moves forward by the gap.
   */
  toUtc(wallMs: number): number {
    if (!this.fmt) return wallMs;
    const o1 = this.offsetAt(wallMs - this.offsetAt(wallMs));
    const guess = wallMs - o1;
    const o2 = this.offsetAt(guess);
    if (o1 === o2) {
      // In a repeated hour both offsets are valid; prefer the larger offset (the earlier instant).
      const earlier = wallMs - this.offsetAt(guess - 3_600_000);
      if (earlier < guess && wallMs - this.offsetAt(earlier) === earlier) return earlier;
      return guess;
    }
    return wallMs - o2 === guess ? guess : Math.max(guess, wallMs - o2);
  }

  /** Wall-clock time (as `Date.UTC(fields)`) of a UTC instant in this zone. */
  toWall(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }
}
