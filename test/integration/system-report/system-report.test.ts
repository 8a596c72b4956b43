// The system report against this machine's real /proc, kernel and commands: what a support
// engineer would check first in a bundle.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identitySession } from '../../../core/node/redact/identity.js';
import { SECTION_IDS } from '../../../core/node/system-report/sections/index.js';
import type { SystemReportResult } from '../../../core/node/system-report/types.js';
import { writeSystemReport } from '../../../core/node/system-report/write-report.js';
import { MemorySink } from '../../support/memory-sink.js';

const SECRET_ENV = 'env-secret-7f3a91c2';
const SECRET_URL_PW = 'proxy-pw-51d0e8';
const SECRET_ARG = 'argv-secret-c44b2e';

type Json = Record<string, unknown>;

let sink: MemorySink;

function readJson(id: string): Json {
  return JSON.parse(sink.text(`system/${id}.json`)) as Json;
}

describe('the system report on this machine', () => {
  let result: SystemReportResult;
  let server: net.Server;
  let port: number;
  let busy: ChildProcess;

  beforeAll(async () => {
    sink = new MemorySink();
    server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
    // A CPU-busy child with a secret on its command line. In a session of its own (detached):
    // with the kernel's autogroup scheduling, a machine shared by many sessions gives each session
    // a fair share, so the child is not starved behind this test's own processes.
    busy = spawn(process.execPath, ['-e', 'for(;;){}', '--', `--db-password=${SECRET_ARG}`], {
      stdio: 'ignore',
      detached: true,
    });
    await new Promise((r) => busy.once('spawn', r));
    const env = {
      ...process.env,
      CASEPACK_TEST_DB_PASSWORD: SECRET_ENV,
      HTTPS_PROXY: `http://alice:${SECRET_URL_PW}@proxy.example:3128`,
      CASEPACK_TEST_PLAIN: 'plain-value-visible',
    };
    result = await writeSystemReport(sink, identitySession(), { env });
  });

  afterAll(async () => {
    busy?.kill('SIGKILL');
    await new Promise((r) => server?.close(r));
  });

  it('writes every section as JSON, one manifest item each, whose checksum matches the entry', async () => {
    expect(result.items.map((i) => i.id)).toEqual(SECTION_IDS.map((id) => `system:${id}`));
    for (const item of result.items) {
      expect(item.status, `${item.id}: ${item.reason ?? ''}`).toBe('collected');
      expect(item.type).toBe('system');
      const entry = sink.entries.get(item.path ?? 'missing');
      expect(item.sha256).toBe(
        createHash('sha256')
          .update(entry?.data ?? '')
          .digest('hex'),
      );
      expect(item.size).toBe(entry?.data?.length);
      expect(() => JSON.parse(sink.text(item.path ?? ''))).not.toThrow();
    }
    expect([...sink.entries.keys()].sort()).toEqual(
      SECTION_IDS.map((id) => `system/${id}.json`).sort(),
    );
  });

  it('reports the running kernel and distribution as uname and os-release do', async () => {
    const os = readJson('os');
    expect(os.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(os.architecture).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    const id = /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '');
    expect(os.distributionId).toBe(id);
  });

  it('lists the port this test listens on, with this process as its owner', async () => {
    const net = readJson('network');
    const mine = (net.listening as Json[]).find((l) => l.port === port && l.protocol === 'tcp');
    expect(mine).toMatchObject({ address: '127.0.0.1' });
    expect((mine?.processes as Json[] | undefined)?.map((p) => p.pid)).toContain(process.pid);
    const ifaces = (net.interfaces as Json[]).map((i) => i.name);
    expect(ifaces).toContain('lo');
  });

  it('puts the CPU-busy child near the top by CPU, its secret option masked', async () => {
    const procs = readJson('processes');
    const top = procs.topByCpu as Json[];
    const child = top.find((p) => p.pid === busy.pid);
    expect(child, JSON.stringify(top.slice(0, 5))).toBeDefined();
    expect(child?.cpuPercent).toBeGreaterThan(10);
    expect(String(child?.command)).toContain('--db-password=<masked>');
    expect((procs.topByMemory as Json[]).length).toBeGreaterThan(0);
  });

  it('never writes a masked value: env secrets, URL passwords, secret arguments', async () => {
    const env = readJson('environment').variables as Record<string, string>;
    expect(env.CASEPACK_TEST_DB_PASSWORD).toBe('<masked>');
    expect(env.HTTPS_PROXY).toBe('http://alice:<masked>@proxy.example:3128');
    expect(env.CASEPACK_TEST_PLAIN).toBe('plain-value-visible');
    for (const name of sink.entries.keys()) {
      const text = sink.text(name);
      for (const s of [SECRET_ENV, SECRET_URL_PW, SECRET_ARG])
        expect(text, `${s} in ${name}`).not.toContain(s);
    }
  });

  it('reports memory, the root file system and limits as the kernel and df see them', async () => {
    const mem = readJson('memory');
    const memTotal =
      Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) * 1024;
    expect(mem.totalBytes).toBe(memTotal);
    const fs = readJson('filesystems');
    const root = (fs.filesystems as Json[]).find((f) => f.mount === '/');
    const df =
      execFileSync('df', ['-kP', '/'], { encoding: 'utf8' }).trim().split('\n')[1]?.split(/\s+/) ??
      [];
    expect(root?.sizeBytes).toBe(Number(df[1]) * 1024);
    expect(typeof root?.inodes).toBe('number');
    const limits = readJson('limits');
    const nofile = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    expect((limits.process as Record<string, Json>)['Max open files']?.soft).toBe(nofile);
    expect((limits.kernel as Json)['fs.file-max']).toBe(
      readFileSync('/proc/sys/fs/file-max', 'utf8').trim(),
    );
  });

  it("finds Debian's OpenJDK 17 with the version java -version prints", async () => {
    const java = readJson('java');
    const real = execFileSync('readlink', ['-f', '/usr/bin/java'], { encoding: 'utf8' }).trim();
    const home = path.dirname(path.dirname(real));
    const rt = (java.runtimes as Json[]).find((r) => r.home === home);
    // java -version prints on stderr.
    const printed = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
    expect(printed).toContain(`"${String(rt?.version)}`);
    expect(rt?.foundVia).toContain('PATH');
    expect(rt?.jdk).toBe(true);
  });

  it('describes the service manager that is really there', async () => {
    const svc = readJson('services');
    const expected = existsSync('/run/systemd/system')
      ? 'systemd'
      : existsSync('/run/openrc')
        ? 'openrc'
        : existsSync('/etc/init.d')
          ? 'sysv'
          : 'none';
    expect(svc.manager).toBe(expected);
    if (expected === 'sysv') {
      const scripts = await readdir('/etc/init.d');
      const names = (svc.services as Json[]).map((s) => s.name);
      for (const s of scripts.filter((n) => !['README', 'skeleton', 'rc', 'rcS'].includes(n)))
        expect(names).toContain(s);
    }
  });

  it('says plainly when clock sync is unknown, naming what it tried', async () => {
    const time = readJson('time');
    const sync = time.clockSync as Json;
    expect(time.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (sync.synchronized === 'unknown') {
      const notes = (time.notes as string[]).join(' ');
      expect(notes).toMatch(/clock sync unknown/);
      for (const tool of ['chronyc', 'ntpq', 'ntpstat'])
        if (!onPath(tool)) expect(notes).toContain(tool);
    } else {
      expect(typeof sync.synchronized).toBe('boolean');
    }
  });
});

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => existsSync(path.join(d, tool)));
}
