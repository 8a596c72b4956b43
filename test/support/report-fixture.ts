// A manifest and case with everything report.html must survive: every status, right-to-left and
// CJK text, markup where a value should be, redaction counts, health checks.
import { MANIFEST_FORMAT_VERSION, type Manifest } from '../../core/common/manifest/schema.js';

export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
export const ARABIC = 'الخادم لا يستجيب بعد التحديث';
export const JAPANESE = 'サーバーが応答しません';

export function reportManifest(): Manifest {
  return {
    formatVersion: MANIFEST_FORMAT_VERSION,
    tool: { name: 'casepack', version: '0.1.0' },
    createdAt: '2026-11-27T10:15:00.000Z',
    host: { name: 'app-01.example.com', platform: 'linux' },
    profiles: [{ name: 'linux-host' }, { name: 'igl-server', source: '/opt/casepack/igl.yaml' }],
    window: {
      since: '2026-11-24T10:15:00Z',
      until: '2026-11-27T10:15:00Z',
      timezone: 'Europe/Berlin',
    },
    case: { mode: 'update', caseNumber: '123456', referenceId: 'REF-9' },
    items: [
      {
        id: 'f1',
        type: 'file',
        kind: 'log',
        source: '/var/log/app/server.log',
        path: 'logs/var/log/app/server.log',
        size: 7340032,
        sha256: 'a'.repeat(64),
        status: 'truncated',
        reason: 'over maxBytes (50 MiB): kept the newest 7 MiB',
        window: { applied: true, format: 'log4j', linesKept: 120000, linesDropped: 3400 },
        durationMs: 1250,
        redaction: { counts: { 'jdbc-password': 3, email: 12 } },
      },
      {
        id: 'f2',
        type: 'file',
        kind: 'log',
        source: `/var/log/${JAPANESE}.log`,
        path: `logs/var/log/${JAPANESE}.log`,
        size: 2048,
        sha256: 'b'.repeat(64),
        status: 'collected',
        window: { applied: false, note: 'timestamp format not recognised: kept whole' },
      },
      {
        id: 'f3',
        type: 'file',
        kind: 'config',
        source: `/etc/app/${HOSTILE}.conf`,
        status: 'failed',
        reason: `EACCES: permission denied ${HOSTILE}`,
      },
      {
        id: 'f4',
        type: 'file',
        source: '/var/log/app/pipe',
        status: 'skipped',
        reason: 'a FIFO: never opened',
      },
      {
        id: 'f5',
        type: 'file',
        source: '/opt/app/heap.bin',
        path: 'attachments/heap.bin',
        size: 10,
        sha256: 'c'.repeat(64),
        status: 'collected',
        redaction: { counts: {}, skipped: 'binary content' },
      },
      {
        id: 'c1',
        type: 'command',
        source: 'java-version',
        argv: ['java', '-version'],
        path: 'commands/java-version.txt',
        size: 120,
        sha256: 'd'.repeat(64),
        status: 'failed',
        reason: 'killed at its timeout of 10s',
        timedOut: true,
      },
      {
        id: 'check:db',
        spec: 'db-reachable',
        type: 'check',
        source: 'check:db',
        status: 'collected',
        result: 'fail',
        reason: 'db1:1521 refused the connection',
      },
    ],
    summary: {
      collected: 2,
      truncated: 1,
      skipped: 1,
      failed: 2,
      bytes: 7342210,
      durationMs: 93000,
    },
    redaction: { counts: { 'jdbc-password': 3, email: 12, 'bearer-token': 1 } },
  };
}

export function reportCase(): unknown {
  return {
    mode: 'update',
    caseNumber: '123456',
    summary: `Login fails after upgrade ${HOSTILE}`,
    description: `${ARABIC}\nSecond line\n  indented`,
    contact: { name: 'Zoë Müller', email: 'zoe@example.com' },
    severity: 'P2',
  };
}
