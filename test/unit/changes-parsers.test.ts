import { describe, expect, it } from 'vitest';
import { diffFields, flatten } from '../../core/common/changes/json-diff.js';
import {
  AptHistoryParser,
  packageCategory,
  parseDpkgLine,
  parseRpmLine,
} from '../../core/common/changes/package-log.js';
import {
  diffPackages,
  parseDpkgQuery,
  parseRpmLast,
} from '../../core/common/changes/package-list.js';
import { ZoneClock } from '../../core/common/time/zone.js';

const berlin = new ZoneClock('Europe/Berlin');

describe('package manager history', () => {
  it('reads dpkg.log actions in the host zone', () => {
    expect(
      parseDpkgLine(
        '2026-11-27 10:15:02 upgrade openjdk-17-jre-headless:amd64 17.0.12+7-2 17.0.13+11-2',
        berlin,
        '/var/log/dpkg.log',
      ),
    ).toEqual({
      time: '2026-11-27T09:15:02.000Z',
      action: 'upgrade',
      name: 'openjdk-17-jre-headless',
      arch: 'amd64',
      from: '17.0.12+7-2',
      to: '17.0.13+11-2',
      category: 'jvm',
      source: '/var/log/dpkg.log',
    });
    expect(
      parseDpkgLine('2026-11-27 10:15:03 install curl:amd64 <none> 7.88.1-10', berlin, 'x'),
    ).toMatchObject({
      action: 'install',
      name: 'curl',
      to: '7.88.1-10',
    });
    expect(
      parseDpkgLine('2026-11-27 10:15:03 remove telnet:amd64 0.17-44 <none>', berlin, 'x'),
    ).toMatchObject({
      action: 'remove',
      from: '0.17-44',
    });
    // status and configure lines are dpkg's bookkeeping, not changes.
    expect(
      parseDpkgLine('2026-11-27 10:15:03 status installed curl:amd64 7.88.1-10', berlin, 'x'),
    ).toBeUndefined();
    expect(
      parseDpkgLine('2026-11-27 10:15:03 configure curl:amd64 7.88.1-10 <none>', berlin, 'x'),
    ).toBeUndefined();
  });

  it('groups what L1 asks about first', () => {
    expect(packageCategory('linux-image-6.1.0-27-amd64')).toBe('kernel');
    expect(packageCategory('kernel-core')).toBe('kernel');
    expect(packageCategory('temurin-21-jdk')).toBe('jvm');
    expect(packageCategory('java-17-openjdk-headless')).toBe('jvm');
    expect(packageCategory('base-files')).toBe('os');
    expect(packageCategory('libc6')).toBe('os');
    expect(packageCategory('redhat-release')).toBe('os');
    expect(packageCategory('curl')).toBe('package');
    expect(packageCategory('javascript-common')).toBe('package');
  });

  it("reads apt's history.log transactions with who ran what", () => {
    const p = new AptHistoryParser(berlin, '/var/log/apt/history.log');
    const text = [
      '',
      'Start-Date: 2026-11-27  10:15:00',
      'Commandline: apt-get upgrade -y',
      'Requested-By: dana (1000)',
      'Install: linux-image-6.1.0-28-amd64:amd64 (6.1.119-1, automatic)',
      'Upgrade: openjdk-17-jre-headless:amd64 (17.0.12+7-2, 17.0.13+11-2), curl:amd64 (7.88.1-9, 7.88.1-10)',
      'Remove: telnet:amd64 (0.17-44)',
      'End-Date: 2026-11-27  10:15:40',
      '',
      'Start-Date: 2026-11-28  08:00:00',
      'Commandline: apt-get install htop',
      'Install: htop:amd64 (3.2.2-2)',
    ];
    const out = text.map((l) => p.take(l)).filter((x) => x !== undefined);
    const last = p.flush();
    expect(out).toHaveLength(1);
    expect(out[0]!.tx).toEqual({
      start: '2026-11-27T09:15:00.000Z',
      end: '2026-11-27T09:15:40.000Z',
      commandline: 'apt-get upgrade -y',
      requestedBy: 'dana (1000)',
      install: 1,
      upgrade: 2,
      remove: 1,
    });
    expect(out[0]!.events.map((e) => [e.action, e.name, e.from, e.to, e.category])).toEqual([
      ['install', 'linux-image-6.1.0-28-amd64', undefined, '6.1.119-1', 'kernel'],
      ['upgrade', 'openjdk-17-jre-headless', '17.0.12+7-2', '17.0.13+11-2', 'jvm'],
      ['upgrade', 'curl', '7.88.1-9', '7.88.1-10', 'package'],
      ['remove', 'telnet', '0.17-44', undefined, 'package'],
    ]);
    expect(last!.tx.commandline).toBe('apt-get install htop');
  });

  it('reads rpm install times', () => {
    expect(parseRpmLine('1795804200 kernel-core 5.14.0-503.el9 x86_64', 'rpm -qa')).toMatchObject({
      time: new Date(1795804200 * 1000).toISOString(),
      name: 'kernel-core',
      to: '5.14.0-503.el9',
      arch: 'x86_64',
      category: 'kernel',
    });
    expect(parseRpmLine('gpg-pubkey', 'rpm -qa')).toBeUndefined();
  });
});

describe('package lists in bundles', () => {
  it('compares dpkg-query and rpm -qa --last lists by package', () => {
    const a = parseDpkgQuery(
      'curl\t7.88.1-9\tinstall ok installed\ntelnet\t0.17-44\tinstall ok installed\nold\t1\tdeinstall ok config-files\n',
    );
    const b = parseDpkgQuery(
      'curl\t7.88.1-10\tinstall ok installed\nhtop\t3.2.2-2\tinstall ok installed\n',
    );
    expect(diffPackages(a, b)).toEqual([
      { name: 'curl', change: 'changed', old: '7.88.1-9', new: '7.88.1-10' },
      { name: 'htop', change: 'added', new: '3.2.2-2' },
      { name: 'telnet', change: 'removed', old: '0.17-44' },
    ]);
    expect([
      ...parseRpmLast(
        'openssl-libs-3.0.7-27.el9.x86_64          Tue 12 Nov 2026 10:00:00 AM UTC\n',
      ),
    ]).toEqual([['openssl-libs.x86_64', '3.0.7-27.el9']]);
  });
});

describe('system report comparison', () => {
  it('matches named array items by name and ignores figures of the moment', () => {
    const old = {
      distribution: 'Debian GNU/Linux 12',
      kernel: '6.1.0-27-amd64',
      filesystems: [
        { mount: '/', size: 100, used: 40, type: 'ext4' },
        { mount: '/data', size: 500, used: 100, type: 'xfs' },
      ],
      load1: 0.5,
    };
    const now = {
      distribution: 'Debian GNU/Linux 12',
      kernel: '6.1.0-28-amd64',
      filesystems: [
        { mount: '/data', size: 500, used: 300, type: 'xfs' },
        { mount: '/', size: 100, used: 41, type: 'ext4' },
        { mount: '/backup', size: 50, used: 1, type: 'nfs' },
      ],
      load1: 3.2,
    };
    expect(flatten(old).get('filesystems[mount=/data].type')).toBe('xfs');
    expect(diffFields(old, now)).toEqual([
      { key: 'filesystems[mount=/backup].mount', new: '/backup' },
      { key: 'filesystems[mount=/backup].size', new: 50 },
      { key: 'filesystems[mount=/backup].type', new: 'nfs' },
      { key: 'kernel', old: '6.1.0-27-amd64', new: '6.1.0-28-amd64' },
    ]);
  });
});
