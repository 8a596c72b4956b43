// Times people write in a case ("when it started"): ISO dates and date-times, with a space or a T,
// with or without seconds and zone. Without a zone the time is the local time of the machine that
// reads it (the server being diagnosed, when the CLI runs there).

const CASE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or undefined when the text is not such a time. */
export function parseCaseTime(text: string): number | undefined {
  const m = CASE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const [Y, M, D, H, MI, S] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (M < 1 || M > 12 || D < 1 || H > 23 || MI > 59 || S > 59) return undefined;
  const millis = Number(ms.padEnd(3, '0'));
  const local = new Date(Y, M - 1, D, H, MI, S, millis);
  const utc = new Date(Date.UTC(Y, M - 1, D, H, MI, S, millis));
  // Reject impossible dates (2026-02-31) that Date would silently roll over.
  if (utc.getUTCDate() !== D) return undefined;
  if (!zone) return local.getTime();
  if (zone.toUpperCase() === 'Z') return utc.getTime();
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  return utc.getTime() - (z[1] === '+' ? offset : -offset);
}
