// Lines that go quiet instead of breaking: a transfer that stalls half-way (a TCP proxy of our own
// in front of the real sshd and RT stops passing bytes but keeps the connection open) and a server
// that accepts the connection but never answers. casepack must notice within the configured
// timeouts, say so, keep the job, and resume without a second ticket. Also a mail server refusing
// the login, which postfix (local only, no SASL) cannot produce.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliJson } from '../support/cli.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { tempDir } from '../support/tmp.js';
import {
  makeBundle,
  rt,
  rtTarget,
  sampleCase,
  sftpFolder,
  sftpTarget,
  sha256File,
  sshd,
  ticketAttachments,
  ticketsWithSubject,
  unique,
  writeConfig,
} from '../support/submit-env.js';

const MiB = 1024 * 1024;
const fastRetry = { initialDelay: '200ms', maxDelay: '1s', window: '2m' };

interface SubmitJson {
  status: string;
  caseNumber?: string;
  jobId?: string;
  error?: { code: string; message: string };
}

let dir: string;
let silent: { port: number; close(): Promise<void> };

/** Accepts every connection and never sends a byte (a firewall that swallows, a hung server). */
async function silentServer(): Promise<typeof silent> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  dir = await tempDir('casepack-timeouts-');
  silent = await silentServer();
});
afterAll(async () => {
  await silent?.close();
});

async function submit(config: string, bundle: string, target: string, data: string) {
  return runCliJson<SubmitJson>(['--config', config, 'submit', bundle, '--target', target], {
    env: { CASEPACK_DATA_DIR: path.join(dir, data) },
  });
}

describe('stalled transfers and silent servers', () => {
  it('notices an SFTP upload that stalls, reconnects and resumes, and reports progress', async () => {
    const f = sshd();
    const proxy = await startTcpProxy(
      { host: f.host, port: f.port },
      { stallAfterUpBytes: 3 * MiB },
    );
    try {
      const folder = await sftpFolder('stall');
      const bundle = await makeBundle(dir, { payloadBytes: 10 * MiB });
      const size = statSync(bundle).size;
      const config = await writeConfig(dir, {
        network: { retry: fastRetry },
        targets: { drop: sftpTarget(folder.remote, { port: proxy.port, stallTimeout: '2s' }) },
      });
      const r = await submit(config, bundle, 'drop', 'data-sftp-stall');
      expect(proxy.stalls).toBe(1);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/the upload stalled: the server confirmed nothing for 2s/);
      // Progress on stderr (not a terminal): bytes of the whole and a rate.
      expect(r.stderr).toMatch(/sftp-upload:upload \S+ \S+ of \S+ \S+ at \S+ \S+\/s/);
      expect(await sha256File(path.join(folder.local, path.basename(bundle)))).toBe(
        await sha256File(bundle),
      );
      // Resumed from what the server held, not sent again from the start.
      expect(proxy.connections).toBeGreaterThanOrEqual(2);
      expect(proxy.up).toBeLessThan(size + 3 * MiB + MiB);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  // RT on SQLite under the shared machine's load takes seconds per request (the retry also searches
  // the queue for the job's token): this test gets more room than the default minute.
  it('gives up on an RT request that stalls mid-body, retries, and opens exactly one ticket', async () => {
    const proxy = await startTcpProxy(
      { host: '127.0.0.1', port: rt().port },
      { stallAfterUpBytes: 256 * 1024 },
    );
    try {
      const summary = unique('Stalled while attaching');
      const bundle = await makeBundle(dir, { payloadBytes: MiB, case: sampleCase(summary) });
      const config = await writeConfig(dir, {
        network: { retry: fastRetry },
        targets: {
          rt: rtTarget({ url: `http://127.0.0.1:${proxy.port}`, stallTimeout: '2s' }),
        },
      });
      const r = await submit(config, bundle, 'rt', 'data-rt-stall');
      expect(proxy.stalls).toBe(1);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/did not answer in time/);
      const ids = await ticketsWithSubject(summary);
      expect(ids).toEqual([r.json.caseNumber]);
      const copies = (await ticketAttachments(ids[0]!)).filter(
        (a) => a.Filename === path.basename(bundle),
      );
      expect(copies).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it('stops waiting for an SFTP server that never completes the handshake, and keeps the job', async () => {
    const bundle = await makeBundle(dir, { payloadBytes: 64 * 1024 });
    const config = await writeConfig(dir, {
      network: { retry: { initialDelay: '200ms', maxDelay: '500ms', window: '3s' } },
      targets: { drop: sftpTarget('/upload', { port: silent.port, connectTimeout: '2s' }) },
    });
    const r = await submit(config, bundle, 'drop', 'data-ssh-silent');
    expect(r.code).toBe(5);
    expect(r.json.status).toBe('queued');
    expect(r.json.error?.message).toContain(
      `the SFTP server 127.0.0.1:${silent.port} did not complete the SSH handshake in time`,
    );
    const list = await runCliJson<{ jobs: Array<{ id: string; status: string }> }>(
      ['--config', config, 'outbox', 'list'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-ssh-silent') } },
    );
    expect(list.json.jobs.map((j) => j.status)).toEqual(['queued']);
    expect(statSync(bundle).size).toBeGreaterThan(64 * 1024);
  });

  it('stops waiting for an HTTPS server that accepts but never answers the TLS handshake', async () => {
    const summary = unique('Silent TLS');
    const bundle = await makeBundle(dir, { payloadBytes: 4096, case: sampleCase(summary) });
    const config = await writeConfig(dir, {
      network: { retry: { initialDelay: '200ms', maxDelay: '500ms', window: '3s' } },
      targets: {
        rt: rtTarget({ url: `https://127.0.0.1:${silent.port}`, connectTimeout: '2s' }),
      },
    });
    const r = await submit(config, bundle, 'rt', 'data-tls-silent');
    expect(r.code).toBe(5);
    expect(r.json.status).toBe('queued');
    expect(r.json.error?.message).toMatch(/did not answer in time/);
    expect(await ticketsWithSubject(summary)).toEqual([]);
  });

  it('says clearly when the mail server refuses the login, without the password, and keeps the bundle', async () => {
    const password = `pw-${unique('smtp').replace(/\W+/g, '')}`;
    const logins: string[] = [];
    const server = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, cb) {
        logins.push(auth.username ?? '');
        cb(new Error('Invalid username or password'));
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.server.address() as net.AddressInfo).port;
      const bundle = await makeBundle(dir, { payloadBytes: 4096 });
      const config = await writeConfig(dir, {
        targets: {
          mail: {
            type: 'smtp',
            host: '127.0.0.1',
            port,
            user: 'casepack',
            password: { env: 'CASEPACK_TEST_SMTP_PASSWORD' },
            from: 'admin@customer.example',
            to: 'support@vendor.example',
            subjectTag: 'casepack.test',
          },
        },
      });
      const r = await runCliJson<SubmitJson>(
        ['--config', config, 'submit', bundle, '--target', 'mail'],
        {
          env: {
            CASEPACK_DATA_DIR: path.join(dir, 'data-smtp-auth'),
            CASEPACK_TEST_SMTP_PASSWORD: password,
          },
        },
      );
      expect(logins).toContain('casepack');
      expect(r.code).toBe(5);
      expect(r.json.status).toBe('failed');
      expect(r.json.error?.message).toContain(
        `refused the login of "casepack" with the password in the environment variable CASEPACK_TEST_SMTP_PASSWORD`,
      );
      expect(r.stdout + r.stderr).not.toContain(password);
      // Nor in the outbox's job files or anything else casepack wrote in its data directory.
      const data = path.join(dir, 'data-smtp-auth');
      const files = readdirSync(data, { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      );
      expect(files.some((e) => e.name === 'job.json')).toBe(true);
      for (const e of files)
        expect(readFileSync(path.join(e.parentPath, e.name), 'utf8')).not.toContain(password);
      expect(statSync(bundle).size).toBeGreaterThan(4096);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
