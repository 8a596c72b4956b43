// Times people write in a case ("when it started"): an ISO date or date-time, with a space or a
// T, with or without seconds and zone, read as the collection window's flags are. Without a zone
// it is the wall-clock time of the host (where the problem happened). Durations such as "24h",
// which `--since` takes, mean nothing in a file read days later, so they are refused here.
import { parseTimeArg } from '../time/window.js';
import { ZoneClock } from '../time/zone.js';

/** Milliseconds since the epoch, or undefined when the text is not such a time. */
export function parseCaseTime(text: string, zone: ZoneClock = new ZoneClock()): number | undefined {
  const s = text.trim();
  if (!/^\d{4}-\d\d-\d\d/.test(s)) return undefined;
  try {
    return parseTimeArg(s, { now: 0, zone });
  } catch {
    return undefined;
  }
}
