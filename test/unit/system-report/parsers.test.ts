// The parsers behind the system report, on real output captured from Debian, RHEL and busy hosts.
import { describe, expect, it } from 'vitest';
import { parseProcLimits, limitsLines } from '../../../core/node/system-report/sections/limits.js';
import {
  parseDefaultRoutes,
  parseResolvConf,
} from '../../../core/node/system-report/sections/network.js';
import { parseStat } from '../../../core/node/system-report/sections/processes.js';
import { parseJavaVersion } from '../../../core/node/system-report/sections/java.js';
import { matchVersion } from '../../../core/node/system-report/sections/product.js';
import {
  parseStatusAll,
  parseSystemctl,
} from '../../../core/node/system-report/sections/services.js';
import { interpretChrony, interpretNtpq } from '../../../core/node/system-report/sections/time.js';
import { compressIpv6, parseProcNet, parseSs } from '../../../core/node/system-report/sockets.js';

describe('system report parsers', () => {
  it('reads listening sockets and their processes from ss', () => {
    const out = [
      'tcp   LISTEN 0      100        127.0.0.1:25        0.0.0.0:* users:(("smtpd",pid=20776,fd=6),("master",pid=20770,fd=12))',
      'tcp   LISTEN 0      4096            [::]:8080           [::]:* users:(("java",pid=4242,fd=511))',
      'udp   UNCONN 0      0      127.0.0.53%lo:53        0.0.0.0:*',
      'tcp   LISTEN 0      128          0.0.0.0:2024      0.0.0.0:*',
    ].join('\n');
    expect(parseSs(out)).toEqual([
      {
        protocol: 'tcp',
        address: '127.0.0.1',
        port: 25,
        processes: [
          { name: 'smtpd', pid: 20776 },
          { name: 'master', pid: 20770 },
        ],
      },
      { protocol: 'tcp', address: '::', port: 8080, processes: [{ name: 'java', pid: 4242 }] },
      { protocol: 'udp', address: '127.0.0.53%lo', port: 53 },
      { protocol: 'tcp', address: '0.0.0.0', port: 2024 },
    ]);
  });

  it('reads listening sockets from /proc/net when ss is missing', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 37301 1',
      '   1: 0100007F:8AB2 0100007F:0019 01 00000000:00000000 00:00000000 00000000     0        0 37302 1',
    ].join('\n');
    expect(parseProcNet(tcp, 'tcp')).toEqual([{ protocol: 'tcp', address: '127.0.0.1', port: 25 }]);
    const tcp6 = [
      '  sl  local_address                         remote_address                        st',
      '   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000',
    ].join('\n');
    expect(parseProcNet(tcp6, 'tcp')).toEqual([{ protocol: 'tcp', address: '::1', port: 8080 }]);
    expect(compressIpv6([0xfe80, 0, 0, 0, 0x1, 0x2, 0x3, 0x4])).toBe('fe80::1:2:3:4');
    expect(compressIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
  });

  it('reads the default route and DNS resolvers', () => {
    const route = [
      'Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT',
      'eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0',
      'eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0',
    ].join('\n');
    expect(parseDefaultRoutes(route)).toEqual([{ interface: 'eth0', gateway: '192.0.2.1' }]);
    expect(
      parseResolvConf(
        '# generated\nnameserver 10.0.0.2\nnameserver 10.0.0.3 # backup\nsearch corp.example lab.example\noptions timeout:2\n',
      ),
    ).toEqual({
      nameservers: ['10.0.0.2', '10.0.0.3'],
      search: ['corp.example', 'lab.example'],
      options: ['timeout:2'],
    });
  });

  it('reads /proc/PID/stat even when the command name has spaces and parentheses', () => {
    const stat =
      '4242 (java (igl) x) S 1 4242 4242 0 -1 4194560 181 0 0 0 1500 250 0 0 20 0 87 0 12345 4096 300 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0';
    expect(parseStat(4242, stat)).toEqual({
      pid: 4242,
      comm: 'java (igl) x',
      state: 'S',
      ppid: 1,
      ticks: 1750,
      threads: 87,
      startTicks: 12345,
    });
  });

  it('reads services from systemd and from SysV init scripts', () => {
    expect(
      parseSystemctl(
        'cron.service loaded active running Regular background program processing daemon\n● igl.service loaded failed failed IGL Server\n',
      ),
    ).toEqual([
      {
        name: 'cron',
        state: 'active',
        sub: 'running',
        description: 'Regular background program processing daemon',
      },
      { name: 'igl', state: 'failed', sub: 'failed', description: 'IGL Server' },
    ]);
    expect(parseStatusAll(' [ + ]  postfix\n [ - ]  ssh\n [ ? ]  hwclock.sh\n')).toEqual([
      { name: 'postfix', state: 'running' },
      { name: 'ssh', state: 'stopped' },
      { name: 'hwclock.sh', state: 'unknown' },
    ]);
  });

  it('reads clock sync from chronyc and ntpq', () => {
    const chrony = [
      'Reference ID    : A9FEA97B (169.254.169.123)',
      'Stratum         : 4',
      'System time     : 0.000012816 seconds fast of NTP time',
      'Leap status     : Normal',
    ].join('\n');
    expect(interpretChrony(chrony, 0)).toMatchObject({ synchronized: true });
    expect(interpretChrony('Leap status     : Not synchronised', 0)).toMatchObject({
      synchronized: false,
    });
    expect(interpretChrony('506 Cannot talk to daemon', 1)).toEqual({
      error: '506 Cannot talk to daemon',
    });
    const ntpq =
      '     remote           refid      st t when poll reach   delay   offset  jitter\n==========\n*10.0.0.1        .GPS.            1 u   33   64  377    0.512    0.021   0.010\n+10.0.0.2        10.0.0.1         2 u   12   64  377    0.611   -0.104   0.022';
    expect(interpretNtpq(ntpq, 0)).toEqual({ synchronized: true, detail: 'system peer 10.0.0.1' });
  });

  it('reads limits, java -version output and product versions', () => {
    const limits =
      'Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 524288               files     \nMax processes             unlimited            unlimited            processes \n';
    expect(parseProcLimits(limits)).toEqual({
      'Max open files': { soft: '1024', hard: '524288', units: 'files' },
      'Max processes': { soft: 'unlimited', hard: 'unlimited', units: 'processes' },
    });
    expect(
      limitsLines('# comment\n*  soft  nofile  65536 # for igl\n\nigl hard nproc 4096\n'),
    ).toEqual(['*  soft  nofile  65536', 'igl hard nproc 4096']);
    expect(
      parseJavaVersion(
        'openjdk version "1.8.0_412"\nOpenJDK Runtime Environment (Temurin)(build 1.8.0_412-b08)\nOpenJDK 64-Bit Server VM',
      ),
    ).toEqual({
      version: '1.8.0_412',
      runtime: 'OpenJDK Runtime Environment (Temurin)(build 1.8.0_412-b08)',
    });
    expect(matchVersion('product=IGL Server\nversion=7.4.2\n', '^version=(?<version>.+)$')).toBe(
      '7.4.2',
    );
    expect(matchVersion('WildFly Full 30.0.1.Final (WildFly Core 22.0.2.Final)\n', undefined)).toBe(
      'WildFly Full 30.0.1.Final (WildFly Core 22.0.2.Final)',
    );
  });
});
