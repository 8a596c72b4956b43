// Package history and cron/service changes read from a temporary root laid out like a Debian
// host (/var/log/dpkg.log*, /var/log/apt/history.log*, /etc/cron.d, /etc/systemd/system), never
// from this machine's own /var/log.
import { statSync } from 'node:fs';
import { mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../../core/common/time/zone.js';
import { cronChanges, serviceChanges } from '../../../core/node/changes/file-events.js';
import { packageHistory } from '../../../core/node/changes/package-history.js';
import { tempDir } from '../../support/tmp.js';

const zone = new ZoneClock('UTC');
// The window of these tests: 2026-11-26 00:00 to 2026-11-28 00:00 UTC.
const since = Date.UTC(2026, 10, 26);
const until = Date.UTC(2026, 10, 28);

async function file(root: string, rel: string, content: string | Buffer, mtime: Date) {
  const p = path.join(root, rel);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, content);
  await utimes(p, mtime, mtime);
  return p;
}

async function debianRoot(): Promise<string> {
  const root = await tempDir();
  await file(
    root,
    'var/log/dpkg.log',
    [
      '2026-11-25 23:59:59 upgrade tzdata:all 2024a-0 2024b-0', // before the window
      '2026-11-26 09:00:00 startup archives unpack',
      '2026-11-26 09:00:01 upgrade openjdk-17-jre-headless:amd64 17.0.12+7-2 17.0.13+11-2',
      '2026-11-26 09:00:01 status half-configured openjdk-17-jre-headless:amd64 17.0.13+11-2',
      '2026-11-26 09:00:02 install linux-image-6.1.0-28-amd64:amd64 <none> 6.1.119-1',
      '2026-11-26 09:00:03 upgrade base-files:amd64 12.4+deb12u7 12.4+deb12u8',
      '2026-11-27 14:30:00 remove telnet:amd64 0.17-44 <none>',
      '2026-11-28 00:00:00 install htop:amd64 <none> 3.2.2-2', // at the window's end: outside
      '',
    ].join('\n'),
    new Date(Date.UTC(2026, 10, 28, 0, 0, 1)),
  );
  await file(
    root,
    'var/log/dpkg.log.1',
    '2026-11-26 08:00:00 install curl:amd64 <none> 7.88.1-10\n',
    new Date(Date.UTC(2026, 10, 26, 8)),
  );
  // Rotated and compressed; last written before the window, so it is not even opened.
  await file(
    root,
    'var/log/dpkg.log.2.gz',
    gzipSync('2026-11-26 07:00:00 install should-not-appear:amd64 <none> 1\n'),
    new Date(Date.UTC(2026, 10, 20)),
  );
  await file(
    root,
    'var/log/apt/history.log.1.gz',
    gzipSync(
      [
        '',
        'Start-Date: 2026-11-26  08:59:50',
        'Commandline: apt-get upgrade -y',
        'Requested-By: dana (1000)',
        'Upgrade: openjdk-17-jre-headless:amd64 (17.0.12+7-2, 17.0.13+11-2), base-files:amd64 (12.4+deb12u7, 12.4+deb12u8)',
        'Install: linux-image-6.1.0-28-amd64:amd64 (6.1.119-1, automatic)',
        'End-Date: 2026-11-26  09:00:10',
        '',
      ].join('\n'),
    ),
    new Date(Date.UTC(2026, 10, 26, 9, 0, 10)),
  );
  await file(
    root,
    'var/log/apt/history.log',
    [
      '',
      'Start-Date: 2026-11-27  14:29:58',
      'Commandline: apt-get remove telnet',
      'Remove: telnet:amd64 (0.17-44)',
      'End-Date: 2026-11-27  14:30:01',
      '',
    ].join('\n'),
    new Date(Date.UTC(2026, 10, 27, 14, 30, 1)),
  );
  return root;
}

describe('package manager history within the window', () => {
  it('reads dpkg.log generations and apt history, and leaves out what is outside the window', async () => {
    const root = await debianRoot();
    const h = await packageHistory({ root, since, until, zone });
    expect(h.events.map((e) => [e.time, e.action, e.name, e.from, e.to, e.category])).toEqual([
      ['2026-11-26T08:00:00.000Z', 'install', 'curl', undefined, '7.88.1-10', 'package'],
      [
        '2026-11-26T09:00:01.000Z',
        'upgrade',
        'openjdk-17-jre-headless',
        '17.0.12+7-2',
        '17.0.13+11-2',
        'jvm',
      ],
      [
        '2026-11-26T09:00:02.000Z',
        'install',
        'linux-image-6.1.0-28-amd64',
        undefined,
        '6.1.119-1',
        'kernel',
      ],
      ['2026-11-26T09:00:03.000Z', 'upgrade', 'base-files', '12.4+deb12u7', '12.4+deb12u8', 'os'],
      ['2026-11-27T14:30:00.000Z', 'remove', 'telnet', '0.17-44', undefined, 'package'],
    ]);
    expect(
      h.transactions.map((t) => [t.commandline, t.requestedBy, t.upgrade, t.install, t.remove]),
    ).toEqual([
      ['apt-get upgrade -y', 'dana (1000)', 2, 1, 0],
      ['apt-get remove telnet', undefined, 0, 0, 1],
    ]);
    expect(h.sources).toEqual([
      '/var/log/dpkg.log.1',
      '/var/log/dpkg.log',
      '/var/log/apt/history.log.1.gz',
      '/var/log/apt/history.log',
    ]);
    // The raw lines within the window as the logs have them: dpkg's actions (not its status
    // bookkeeping) and apt's whole transactions.
    expect(h.raw).toContain(
      '2026-11-26 09:00:01 upgrade openjdk-17-jre-headless:amd64 17.0.12+7-2 17.0.13+11-2',
    );
    expect(h.raw.join('\n')).not.toContain('status half-configured');
    expect(h.raw.join('\n')).not.toMatch(/tzdata|htop|should-not-appear/);
    expect(h.raw).toContain('Commandline: apt-get remove telnet');
  });

  it('reads the times as the host local time', async () => {
    const root = await debianRoot();
    const h = await packageHistory({
      root,
      since,
      until,
      zone: new ZoneClock('America/New_York'),
    });
    // 09:00:01 in New York is 14:00:01 UTC.
    expect(h.events.find((e) => e.name === 'openjdk-17-jre-headless')?.time).toBe(
      '2026-11-26T14:00:01.000Z',
    );
  });

  it('uses apt history for the packages when there is no dpkg.log', async () => {
    const root = await tempDir();
    await file(
      root,
      'var/log/apt/history.log',
      'Start-Date: 2026-11-27  10:00:00\nCommandline: apt-get install htop\nInstall: htop:amd64 (3.2.2-2)\nEnd-Date: 2026-11-27  10:00:03\n',
      new Date(Date.UTC(2026, 10, 27, 10)),
    );
    const h = await packageHistory({ root, since, until, zone });
    expect(h.events).toMatchObject([{ action: 'install', name: 'htop', to: '3.2.2-2' }]);
  });

  it('finds nothing, and says so, on a host without package logs', async () => {
    const h = await packageHistory({ root: await tempDir(), since, until, zone });
    expect(h).toEqual({ events: [], omitted: 0, transactions: [], raw: [], sources: [] });
  });
});

describe('cron jobs and services changed in the window', () => {
  it('lists new cron jobs, unit files and enabled services, not the rest', async () => {
    const root = await tempDir();
    const now = Date.now();
    const w = { since: now - 3_600_000, until: now + 3_600_000 };
    const cron = await file(
      root,
      'etc/cron.d/backup',
      '0 2 * * * root /usr/local/bin/backup\n',
      new Date(),
    );
    await file(root, 'etc/cron.d/.placeholder', '', new Date());
    const unit = await file(
      root,
      'lib/systemd/system/igl.service',
      '[Service]\nExecStart=/opt/igl/bin/run\n',
      new Date(),
    );
    await file(root, 'lib/systemd/system/README', 'not a unit\n', new Date());
    await mkdir(path.join(root, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
    await symlink(unit, path.join(root, 'etc/systemd/system/multi-user.target.wants/igl.service'));

    const c = await cronChanges(root, w);
    expect(c.events.map((e) => [e.path, e.kind])).toEqual([['/etc/cron.d/backup', 'cron']]);
    const born = statSync(cron).birthtimeMs > 0;
    expect(c.events[0]!.change).toBe(born ? 'new' : 'changed');
    const s = await serviceChanges(root, w);
    expect(s.events.map((e) => e.path).sort()).toEqual([
      '/etc/systemd/system/multi-user.target.wants/igl.service',
      '/lib/systemd/system/igl.service',
    ]);
    // A window that ended before these files were written shows none of them.
    const past = { since: now - 7_200_000, until: now - 3_600_000 };
    expect((await cronChanges(root, past)).events).toEqual([]);
    expect((await serviceChanges(root, past)).events).toEqual([]);
  });
});
