// Health checks against real sockets, a real file system and real processes. A check never hangs:
// a listener that never accepts is reported at the check's timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSchema, type CheckSpec } from '../../../core/common/profile/schema.js';
import { identitySession } from '../../../core/node/redact/identity.js';
import { CHECKS_ENTRY, runChecks } from '../../../core/node/system-report/checks/run-checks.js';
import { closedPort } from '../../support/igl-server.js';
import { MemorySink } from '../../support/memory-sink.js';
import { tempDir } from '../../support/tmp.js';

function checks(list: unknown[]): CheckSpec[] {
  return profileSchema.parse({ name: 't', commands: [{ id: 'c', argv: ['true'] }], checks: list })
    .checks;
}

/**
 * A listener whose process never accepts (its event loop is blocked) with a tiny backlog: once the
 * accept queue is full, the kernel drops further SYNs and a connect gets no answer at all.
 */
async function stuckListener(): Promise<{
  child: ChildProcess;
  port: number;
  fillers: net.Socket[];
}> {
  const code = `const s=require('net').createServer();s.listen(0,'127.0.0.1',1,()=>{console.log(s.address().port);Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0)})`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((r) =>
    createInterface({ input: child.stdout! }).once('line', r),
  );
  const port = Number(line);
  // Fill the accept queue: connect until one connection is left unanswered.
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const s = net.connect(port, '127.0.0.1');
    fillers.push(s);
    const answered = await new Promise<boolean>((r) => {
      s.once('connect', () => r(true));
      setTimeout(() => r(false), 500);
    });
    if (!answered) return { child, port, fillers };
  }
  throw new Error('the accept queue never filled');
}

describe('health checks', () => {
  let dir: string;
  let server: net.Server;
  let dbPort: number;
  let deadPort: number;
  let stuck: Awaited<ReturnType<typeof stuckListener>>;
  let marker: ChildProcess;

  beforeAll(async () => {
    dir = await tempDir();
    server = net.createServer((c) => c.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    dbPort = (server.address() as net.AddressInfo).port;
    deadPort = await closedPort();
    stuck = await stuckListener();
    marker = spawn('sleep', ['300.8383'], { stdio: 'ignore' });
    await new Promise((r) => marker.once('spawn', r));
  });

  afterAll(async () => {
    stuck?.fillers.forEach((f) => f.destroy());
    stuck?.child.kill('SIGKILL');
    marker?.kill('SIGKILL');
    await new Promise((r) => server?.close(r));
  });

  it('reaches a listening port, and explains a refused one', async () => {
    const r = await runChecks(
      checks([
        { id: 'db-up', tcp: { host: '127.0.0.1', port: dbPort } },
        { id: 'db-down', tcp: { host: '127.0.0.1', port: deadPort } },
      ]),
      new MemorySink(),
      identitySession(),
    );
    expect(r.results[0]).toMatchObject({
      id: 'db-up',
      status: 'pass',
      message: `reachable: 127.0.0.1:${dbPort}`,
    });
    expect(r.results[1]).toMatchObject({ id: 'db-down', status: 'fail' });
    expect(r.results[1]?.message).toContain(
      `connection refused: nothing listens on 127.0.0.1:${deadPort}`,
    );
  });

  it('gives up on a listener that never answers at the timeout, without hanging', async () => {
    const r = await runChecks(
      checks([{ id: 'blackhole', tcp: { host: '127.0.0.1', port: stuck.port }, timeout: '1s' }]),
      new MemorySink(),
      identitySession(),
    );
    expect(r.results[0]).toMatchObject({ status: 'fail' });
    expect(r.results[0]?.message).toMatch(/no answer from 127\.0\.0\.1:\d+ within \d+ ms/);
  });

  it("reads the datasources from standalone.xml and checks each one's host and port", async () => {
    const xml = path.join(dir, 'standalone.xml');
    await writeFile(
      xml,
      `<server><subsystem xmlns="urn:jboss:domain:datasources:7.0"><datasources>
  <datasource jndi-name="java:jboss/datasources/IglDS" pool-name="IglDS">
    <connection-url>jdbc:postgresql://\${env.CASEPACK_TEST_DB_HOST:127.0.0.1}:${dbPort}/igl</connection-url>
  </datasource>
  <datasource jndi-name="java:jboss/datasources/ExampleDS" pool-name="ExampleDS">
    <connection-url>jdbc:h2:mem:test;DB_CLOSE_DELAY=-1</connection-url>
  </datasource>
  <datasource jndi-name="java:jboss/datasources/AuditDS" pool-name="AuditDS">
    <connection-url>jdbc:postgresql://127.0.0.1:${deadPort}/audit</connection-url>
  </datasource>
</datasources></subsystem></server>`,
    );
    const pattern =
      '<connection-url>\\s*jdbc:postgresql://(?<host>\\$\\{[^}]+\\}|[^:/<\\s]+)(?::(?<port>\\d+))?';
    const sink = new MemorySink();
    const r = await runChecks(
      checks([
        { id: 'ds', tcp: { fromFile: '${HOME_DIR}/standalone.xml', pattern, defaultPort: 5432 } },
        { id: 'ds-nofile', tcp: { fromFile: '${HOME_DIR}/missing.xml', pattern } },
        { id: 'ds-novar', tcp: { fromFile: '${IGL_HOME}/standalone.xml', pattern } },
      ]),
      sink,
      identitySession(),
      { vars: { HOME_DIR: dir } },
    );
    const ds = r.results[0];
    expect(ds?.status).toBe('fail');
    const targets = (ds?.details?.targets ?? []) as Array<{
      host: string;
      port: number;
      ok: boolean;
    }>;
    expect(targets.map((t) => [t.host, t.port, t.ok])).toEqual([
      ['127.0.0.1', dbPort, true],
      ['127.0.0.1', deadPort, false],
    ]);
    expect(ds?.message).toContain(`127.0.0.1:${deadPort}`);
    expect(r.results[1]).toMatchObject({ status: 'skipped' });
    expect(r.results[1]?.message).toContain('missing.xml');
    expect(r.results[2]).toMatchObject({
      status: 'skipped',
      message: 'variable ${IGL_HOME} not resolved',
    });
    // Manifest: one item for checks.json, one per check; a skipped check says why.
    expect(r.items.map((i) => [i.id, i.status])).toEqual([
      ['system:checks', 'collected'],
      ['check:ds', 'collected'],
      ['check:ds-nofile', 'skipped'],
      ['check:ds-novar', 'skipped'],
    ]);
    expect(r.items[1]).toMatchObject({ type: 'check', result: 'fail' });
    const written = JSON.parse(sink.text(CHECKS_ENTRY)) as {
      summary: unknown;
    };
    expect(written.summary).toEqual({ passed: 0, failed: 1, skipped: 2, errors: 0 });
  });

  it("resolves ${env.X:default} from the server process's environment when told its PID", async () => {
    const xml = path.join(dir, 'env-standalone.xml');
    await writeFile(
      xml,
      '<connection-url>jdbc:postgresql://127.0.0.1:${env.CASEPACK_TEST_DB_PORT:1}/igl</connection-url>\n',
    );
    const server = spawn('sleep', ['300.9191'], {
      stdio: 'ignore',
      env: { ...process.env, CASEPACK_TEST_DB_PORT: String(dbPort) },
    });
    await new Promise((r) => server.once('spawn', r));
    try {
      const pattern = 'jdbc:postgresql://(?<host>[^:/<]+):(?<port>\\$\\{[^}]+\\}|\\d+)';
      const r = await runChecks(
        checks([
          { id: 'from-server', tcp: { fromFile: xml, pattern, envOfPid: '${SERVER_PID}' } },
          { id: 'from-casepack', tcp: { fromFile: xml, pattern } },
          { id: 'pid-unknown', tcp: { fromFile: xml, pattern, envOfPid: '${NO_SUCH_PID}' } },
        ]),
        new MemorySink(),
        identitySession(),
        { vars: { SERVER_PID: String(server.pid) }, env: { PATH: process.env.PATH } },
      );
      expect(r.results[0]).toMatchObject({
        status: 'pass',
        message: `reachable: 127.0.0.1:${dbPort}`,
      });
      expect(r.results[0]?.details?.expressionsResolvedFrom).toBe(
        `the environment of process ${server.pid}`,
      );
      // Without the server's environment the default (port 1) applies, and nothing listens there.
      expect(r.results[1]).toMatchObject({ status: 'fail' });
      expect(r.results[1]?.message).toContain('127.0.0.1:1');
      expect(r.results[2]).toMatchObject({ status: 'fail' });
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('checks free disk space against a percentage and a size', async () => {
    const r = await runChecks(
      checks([
        { id: 'tmp-ok', diskFree: { path: dir, minFreePercent: 0.001 } },
        { id: 'tmp-huge', diskFree: { path: dir, minFreeBytes: '1024TiB' } },
        { id: 'gone', diskFree: { path: path.join(dir, 'no', 'such'), minFreePercent: 5 } },
      ]),
      new MemorySink(),
      identitySession(),
    );
    expect(r.results.map((c) => c.status)).toEqual(['pass', 'fail', 'skipped']);
    expect(r.results[1]?.message).toMatch(/only .* free of .*; needs at least 1024 TiB/);
    expect(r.results[2]?.message).toContain('does not exist');
  });

  it('finds a running process by its command line', async () => {
    const r = await runChecks(
      checks([
        { id: 'up', process: { argvContains: ['sleep', '300.8383'] } },
        { id: 'down', process: { argvContains: ['no-such-server-4711'] } },
      ]),
      new MemorySink(),
      identitySession(),
    );
    expect(r.results[0]).toMatchObject({ status: 'pass', message: `running: PID ${marker.pid}` });
    expect(r.results[1]).toMatchObject({ status: 'fail' });
  });
});
