import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../core/common/time/detect.js';
import { formatById, type TimestampContext } from '../../../core/common/time/formats.js';
import { ZoneClock } from '../../../core/common/time/zone.js';

const utc: TimestampContext = {
  zone: new ZoneClock('UTC'),
  referenceMs: Date.parse('2026-11-27T12:00:00Z'),
};
const berlin: TimestampContext = {
  zone: new ZoneClock('Europe/Berlin'),
  referenceMs: Date.parse('2026-11-27T12:00:00Z'),
};

function parse(id: string, line: string, ctx = utc): string | undefined {
  const t = formatById(id)!.parse(line, ctx);
  return t === undefined ? undefined : new Date(t).toISOString();
}

describe('timestamp formats', () => {
  it.each([
    ['iso', '2026-11-27T10:00:00Z started', '2026-11-27T10:00:00.000Z'],
    ['iso', '2026-11-27T10:00:00.123456+01:00 x', '2026-11-27T09:00:00.123Z'],
    ['iso', '2026-11-27T10:00:00-0500 x', '2026-11-27T15:00:00.000Z'],
    [
      'iso',
      '2026-11-27 10:00:00,123 INFO  [org.jboss.as] (MSC) WFLYSRV0025',
      '2026-11-27T10:00:00.123Z',
    ],
    ['iso', '[2026-11-27 10:00:00.5] x', '2026-11-27T10:00:00.500Z'],
    ['iso', '2026-11-27 10:00:00.123 UTC [42] LOG:  checkpoint', '2026-11-27T10:00:00.123Z'],
    ['iso', '2026-11-27 10:00:00 +0200 x', '2026-11-27T08:00:00.000Z'],
    ['iso', '2015-07-29 17:41:44,747 - INFO  [QuorumPeer]', '2015-07-29T17:41:44.747Z'],
    ['iso', '2016-09-28 04:30:30, Info  CBS  Loaded', '2016-09-28T04:30:30.000Z'],
    ['syslog', 'Nov 27 10:00:00 host sshd[1]: x', '2026-11-27T10:00:00.000Z'],
    ['syslog', 'Nov  7 09:05:01 host cron[2]: x', '2026-11-07T09:05:01.000Z'],
    [
      'clf',
      '10.0.0.1 - bob [27/Nov/2026:10:00:00 +0100] "GET / HTTP/1.1" 200 5',
      '2026-11-27T09:00:00.000Z',
    ],
    [
      'clf',
      '::1 - - [27/Nov/2026:10:00:00 -0000] "GET /x HTTP/2.0" 404 0 "-" "curl"',
      '2026-11-27T10:00:00.000Z',
    ],
    [
      'ctime',
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok',
      '2005-12-04T04:47:44.000Z',
    ],
    ['ctime', '[Wed Oct 11 14:32:52.123456 2026] [core:error] [pid 1]', '2026-10-11T14:32:52.123Z'],
    [
      'prefixed-iso',
      'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO',
      '2017-05-16T00:00:00.008Z',
    ],
    [
      'audit',
      'type=SYSCALL msg=audit(1795773600.123:42): arch=c000003e',
      '2026-11-27T10:00:00.123Z',
    ],
    ['apt-history', 'Start-Date: 2026-11-27  10:00:01', '2026-11-27T10:00:01.000Z'],
    ['epoch', '1795773600 worker started', '2026-11-27T10:00:00.000Z'],
    ['epoch', '[1795773600.5] worker started', '2026-11-27T10:00:00.500Z'],
    ['epoch', '1795773600123 worker started', '2026-11-27T10:00:00.123Z'],
    ['slash-iso', '2026/11/27 10:00:00 [error] 12#12: *1 open()', '2026-11-27T10:00:00.000Z'],
    [
      'tomcat',
      '27-Nov-2026 10:00:00.123 INFO [main] org.apache.catalina',
      '2026-11-27T10:00:00.123Z',
    ],
    [
      'yy-mm-dd',
      '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend',
      '2017-06-09T20:10:40.000Z',
    ],
    ['yymmdd', '081109 203615 148 INFO dfs.DataNode', '2008-11-09T20:36:15.000Z'],
  ])('%s: %s', (id, line, want) => {
    expect(parse(id, line)).toBe(want);
  });

  it.each([
    ['iso', '2026-02-30 10:00:00 impossible date'],
    ['iso', '2026-11-27 25:00:00 impossible hour'],
    ['iso', '\tat com.example.Foo(Foo.java:42)'],
    ['syslog', 'Foo 27 10:00:00 not a month'],
    ['epoch', '1234 too short'],
    ['epoch', '9999999999 after 2100'],
    ['epoch', '12345678901 eleven digits'],
    ['yymmdd', '081109 2036151 too long'],
  ])('%s rejects %j', (id, line) => {
    expect(parse(id, line)).toBeUndefined();
  });

  it('reads times without a zone as wall-clock time of the given zone, across DST', () => {
    expect(parse('iso', '2026-11-27 10:00:00 x', berlin)).toBe('2026-11-27T09:00:00.000Z');
    expect(parse('iso', '2026-07-01 10:00:00 x', berlin)).toBe('2026-07-01T08:00:00.000Z');
    // The repeated hour when clocks go back (25 Oct 2026, 03:00 CEST -> 02:00 CET): the earlier instant.
    expect(parse('iso', '2026-10-25 02:30:00 x', berlin)).toBe('2026-10-25T00:30:00.000Z');
    expect(parse('iso', '2026-10-25 03:30:00 x', berlin)).toBe('2026-10-25T02:30:00.000Z');
    // A time in the gap when clocks go forward (29 Mar 2026, 02:00 -> 03:00) moves forward.
    expect(parse('iso', '2026-03-29 02:30:00 x', berlin)).toBe('2026-03-29T01:30:00.000Z');
    expect(parse('iso', '2026-03-29 03:30:00 x', berlin)).toBe('2026-03-29T01:30:00.000Z');
    // A written offset wins over the zone.
    expect(parse('iso', '2026-11-27T10:00:00Z x', berlin)).toBe('2026-11-27T10:00:00.000Z');
    expect(parse('syslog', 'Jul  1 10:00:00 h x', berlin)).toBe('2026-07-01T08:00:00.000Z');
  });

  it('takes a yearless syslog date from the file time, across New Year', () => {
    const ctx = { zone: new ZoneClock('UTC'), referenceMs: Date.parse('2027-01-01T00:30:00Z') };
    expect(parse('syslog', 'Dec 31 23:59:59 h x', ctx)).toBe('2026-12-31T23:59:59.000Z');
    expect(parse('syslog', 'Jan  1 00:10:00 h x', ctx)).toBe('2027-01-01T00:10:00.000Z');
    // A file last written in March holds no November lines of the same year.
    const march = { zone: new ZoneClock('UTC'), referenceMs: Date.parse('2027-03-01T00:00:00Z') };
    expect(parse('syslog', 'Nov 27 10:00:00 h x', march)).toBe('2026-11-27T10:00:00.000Z');
  });
});

describe('format detection', () => {
  it('picks the format of most lines and ignores dates inside stack traces', () => {
    const sample = [
      '2026-11-27 10:00:00,001 ERROR [app] request failed',
      'java.lang.IllegalStateException: at 27/Nov/2026:10:00:00 +0000',
      '\tat com.example.A.b(A.java:1)',
      '2026-11-27 10:00:01,001 INFO  [app] ok',
    ];
    const d = detectFormat(sample, utc);
    expect(d?.format.id).toBe('iso');
    expect(d?.matched).toBe(2);
  });

  it('finds nothing in prose or binary', () => {
    const prose = Array.from({ length: 30 }, (_, i) => `line ${i} of a README with no times`);
    expect(detectFormat(prose, utc)).toBeUndefined();
    expect(detectFormat(['\u0000\u0001\u00ff\u00fe'.repeat(50)], utc)).toBeUndefined();
    // One lucky match among many lines is not a log.
    expect(detectFormat([...prose, '1795773600 looks like epoch'], utc)).toBeUndefined();
  });
});
