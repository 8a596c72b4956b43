import { describe, expect, it } from 'vitest';
import { parseTimeArg, resolveWindow } from '../../../core/common/time/window.js';
import { ZoneClock } from '../../../core/common/time/zone.js';

const now = Date.parse('2026-11-27T12:00:00Z');
const berlin = new ZoneClock('Europe/Berlin');
const iso = (t: number) => new Date(t).toISOString();

describe('--since / --until', () => {
  it('takes durations back from now', () => {
    expect(iso(parseTimeArg('24h', { now, zone: berlin }))).toBe('2026-11-26T12:00:00.000Z');
    expect(iso(parseTimeArg('7d', { now, zone: berlin }))).toBe('2026-11-20T12:00:00.000Z');
    expect(iso(parseTimeArg('90m', { now, zone: berlin }))).toBe('2026-11-27T10:30:00.000Z');
    expect(parseTimeArg('now', { now, zone: berlin })).toBe(now);
  });

  it('reads date-times without a zone as local time of the zone', () => {
    expect(iso(parseTimeArg('2026-11-27T08:00', { now, zone: berlin }))).toBe(
      '2026-11-27T07:00:00.000Z',
    );
    expect(iso(parseTimeArg('2026-11-27 08:00:30', { now, zone: berlin }))).toBe(
      '2026-11-27T07:00:30.000Z',
    );
    expect(iso(parseTimeArg('2026-11-27', { now, zone: berlin }))).toBe('2026-11-26T23:00:00.000Z');
    expect(iso(parseTimeArg('2026-11-27T08:00Z', { now, zone: berlin }))).toBe(
      '2026-11-27T08:00:00.000Z',
    );
    expect(iso(parseTimeArg('2026-11-27T08:00+05:30', { now, zone: berlin }))).toBe(
      '2026-11-27T02:30:00.000Z',
    );
  });

  it('rejects what is not a time, with an example of what is', () => {
    expect(() => parseTimeArg('yesterday', { now, zone: berlin })).toThrow(
      /not a time: "yesterday".*24h/,
    );
    expect(() => parseTimeArg('2026-13-01', { now, zone: berlin })).toThrow(/not a time/);
    expect(() => parseTimeArg('2026-02-30T10:00', { now, zone: berlin })).toThrow(/not a time/);
  });

  it('defaults to the last 72 hours and refuses an empty window', () => {
    const w = resolveWindow({ now, zone: berlin });
    expect(iso(w.since)).toBe('2026-11-24T12:00:00.000Z');
    expect(w.until).toBe(now);
    expect(w.timezone).toBe('Europe/Berlin');
    expect(() => resolveWindow({ since: '1h', until: '2h', now, zone: berlin })).toThrow(
      /window is empty/,
    );
  });
});
