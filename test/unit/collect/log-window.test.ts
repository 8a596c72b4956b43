import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../../core/common/time/zone.js';
import { collectFile } from '../../../core/node/collect/file-collector.js';
import { collectorContext, fileItem } from '../../support/collect-helpers.js';
import { expectedWindow, writeLog, type GenFormat } from '../../support/log-gen.js';
import { tempDir } from '../../support/tmp.js';

const H = 3_600_000;
const from = Date.parse('2026-11-10T06:00:00.250Z');

const FORMATS: GenFormat[] = [
  'log4j',
  'iso-offset',
  'syslog',
  'clf',
  'ctime',
  'epoch',
  'slash-iso',
  'tomcat',
  'yy-mm-dd',
  'yymmdd',
  'prefixed-iso',
  'audit',
];

describe('time window on real-looking logs', () => {
  it.each(FORMATS)(
    '%s: keeps exactly the entries in [since, until), stack traces whole',
    async (fmt) => {
      const dir = await tempDir();
      const zone = 'America/New_York';
      // ~10 days, an entry every 7 min 13 s; every fifth entry carries a stack trace.
      const log = await writeLog(path.join(dir, `${fmt}.log`), fmt, {
        from,
        count: 2000,
        stepMs: 433_000,
        zone,
      });
      // Entry 700 lies exactly on `since`: it is in; entry 1400 lies exactly on `until`: it is out.
      const since = log.entries[700]!.t;
      const until = log.entries[1400]!.t;
      const ctx = collectorContext();
      const item = await collectFile(await fileItem(log.file, { timezone: zone }), ctx, {
        since,
        until,
        zone: new ZoneClock(zone),
      });
      expect(item.status).toBe('collected');
      const want = expectedWindow(log, since, until);
      expect(ctx.sink.text(item.path!)).toBe(want);
      expect(item.size).toBe(Buffer.byteLength(want));
      expect(item.window).toMatchObject({ applied: true });
      expect(want.startsWith(log.entries[700]!.text)).toBe(true);
    },
  );

  it('skips a plain rotated log wholly before or after the window, by its timestamps', async () => {
    const dir = await tempDir();
    const log = await writeLog(path.join(dir, 'app.log.1'), 'log4j', {
      from,
      count: 100,
      stepMs: 60_000,
      zone: 'UTC',
    });
    const zone = new ZoneClock('UTC');
    const ctx = collectorContext();
    const before = await collectFile(await fileItem(log.file), ctx, {
      since: from + 10 * H,
      until: from + 20 * H,
      zone,
    });
    expect(before).toMatchObject({ status: 'skipped', window: { applied: true } });
    expect(before.reason).toMatch(
      /no entries in the time window \(entries from 2026-11-10T06:00:00.250Z to 2026-11-10T07:39/,
    );
    expect(before.path).toBeUndefined();
    const after = await collectFile(await fileItem(log.file), ctx, {
      since: from - 20 * H,
      until: from - 10 * H,
      zone,
    });
    expect(after.status).toBe('skipped');
    expect(ctx.sink.entries.size).toBe(0);
  });

  it('keeps the lines before the first entry when the window starts before it', async () => {
    const dir = await tempDir();
    const log = await writeLog(path.join(dir, 'app.log'), 'log4j', {
      from,
      count: 50,
      stepMs: 60_000,
      zone: 'UTC',
      header: '\tat a continuation of the previous file\n',
    });
    const ctx = collectorContext();
    const item = await collectFile(await fileItem(log.file), ctx, {
      since: from - H,
      until: from + H,
      zone: new ZoneClock('UTC'),
    });
    expect(ctx.sink.text(item.path!)).toBe(await readFile(log.file, 'utf8'));
  });

  it('keeps a log of unknown format whole and says why', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'plain.log');
    const text = Array.from(
      { length: 500 },
      (_, i) => `step ${i}: nothing that looks like a time\n`,
    ).join('');
    await writeFile(file, text);
    const ctx = collectorContext();
    const item = await collectFile(await fileItem(file), ctx, {
      since: from,
      until: from + H,
      zone: new ZoneClock('UTC'),
    });
    expect(item.status).toBe('collected');
    expect(item.window).toMatchObject({ applied: false });
    expect(item.window!.note).toMatch(/no known timestamp format/);
    expect(ctx.sink.text(item.path!)).toBe(text);
  });

  it('caps a window larger than maxBytes to its newest entries, starting at an entry', async () => {
    const dir = await tempDir();
    const log = await writeLog(path.join(dir, 'big.log'), 'log4j', {
      from,
      count: 3000,
      stepMs: 1000,
      zone: 'UTC',
    });
    const ctx = collectorContext();
    const item = await collectFile(await fileItem(log.file, { maxBytes: 20_000 }), ctx, {
      since: from,
      until: from + 10 * H,
      zone: new ZoneClock('UTC'),
    });
    expect(item.status).toBe('truncated');
    expect(item.reason).toMatch(/window holds more than maxBytes/);
    const out = ctx.sink.text(item.path!);
    expect(out.length).toBeLessThanOrEqual(20_000);
    expect(out.length).toBeGreaterThan(15_000);
    const all = await readFile(log.file, 'utf8');
    expect(all.endsWith(out)).toBe(true);
    expect(out).toMatch(/^2026-11-10 \d\d:\d\d:\d\d,\d{3} /);
  });
});
