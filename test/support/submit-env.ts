// What the submission tests share: bundles on disk, settings files pointing at the real servers,
// and read-back helpers that ask RT's API and the SFTP server's disk what really arrived.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { MANIFEST_FORMAT_VERSION } from '../../core/common/manifest/schema.js';
import { openBundle } from '../../core/node/bundle/bundle-writer.js';
import path from 'node:path';
import { stringify } from 'yaml';
import { testService } from './test-env.js';

export interface RtFacts {
  url: string;
  port: number;
  tokenFile: string;
  queue: string;
  tag: string;
  customFields: Record<string, string>;
  server: string;
  log: string;
}
export interface SshdFacts {
  host: string;
  port: number;
  user: string;
  privateKeyFile: string;
  hostKey: string;
  chroot: string;
  uploadDir: string;
  fullDir: string;
  fullBytes: number;
}
export interface PostfixFacts {
  host: string;
  port: number;
  to: string;
}

export const rt = () => testService<RtFacts>('rt');
export const sshd = () => testService<SshdFacts>('sshd');
export const postfix = () => testService<PostfixFacts>('postfix');

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

export const sampleCase = (summary: string) => ({
  mode: 'new',
  summary,
  type: 'product-error',
  severity: 'P2',
  contact: { name: 'Ada Admin', email: 'ada@customer.example', phone: '+49 30 1234567' },
  product: { name: 'IGL Server', version: '4.2.1' },
  platform: { os: 'Debian', version: '12', architecture: 'x86_64' },
  description: 'After the upgrade to 4.2.1 logins hang for 30 seconds.',
  stepsToReproduce: ['log in as any user', 'wait'],
  expected: 'login within a second',
  actual: 'login after 30 seconds',
});

/**
 * A real bundle (the bundle writer, a manifest `casepack verify` accepts) holding the case and
 * `payloadBytes` of random data, stored: any size, quickly. The end-to-end tests use
 * `casepack collect` itself (collectBundle).
 */
export async function makeBundle(
  dir: string,
  opts: { payloadBytes: number; case?: unknown; name?: string; texts?: Record<string, string> },
): Promise<string> {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const name = opts.name ?? `casepack-NEW-testhost-${stamp}-${randomBytes(3).toString('hex')}.zip`;
  const w = await openBundle({ dir, name });
  async function* random() {
    for (let left = opts.payloadBytes; left > 0; left -= 1 << 20)
      yield randomBytes(Math.min(left, 1 << 20));
  }
  const e = await w.addEntry('attachments/payload.bin', Readable.from(random()), { store: true });
  const items = [
    {
      id: 'payload',
      type: 'attachment' as const,
      source: '/test/payload.bin',
      path: e.name,
      size: e.size,
      sha256: e.sha256,
      status: 'collected' as const,
    },
  ];
  for (const [entry, text] of Object.entries(opts.texts ?? {})) {
    const t = await w.addBuffer(entry, text);
    items.push({
      id: entry,
      type: 'attachment',
      source: `/test/${entry}`,
      path: t.name,
      size: t.size,
      sha256: t.sha256,
      status: 'collected',
    });
  }
  const now = new Date();
  const { path: out } = await w.finish({
    manifest: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      tool: { name: 'casepack', version: 'test' },
      createdAt: now.toISOString(),
      host: { name: 'testhost' },
      profiles: [],
      window: {
        since: new Date(now.getTime() - 3_600_000).toISOString(),
        until: now.toISOString(),
        timezone: 'UTC',
      },
      items,
    },
    caseJson: opts.case ?? sampleCase('test case'),
    reportHtml: '<!doctype html><title>casepack report</title><h1>Report</h1>',
  });
  return out;
}

/** A settings file with these targets (secrets as references only). */
export async function writeConfig(dir: string, doc: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, `config-${randomBytes(3).toString('hex')}.yaml`);
  await writeFile(file, stringify(doc), { mode: 0o600 });
  return file;
}

export function rtTarget(extra: Record<string, unknown> = {}) {
  const f = rt();
  return {
    type: 'rt',
    url: f.url,
    queue: f.queue,
    token: { file: f.tokenFile },
    customFields: {
      severity: 'Severity',
      caseType: 'Case Type',
      productVersion: 'Product Version',
      platform: 'Platform',
    },
    ...extra,
  };
}

/** A fresh upload folder in the chroot, owned by the drop box user; returns its remote path. */
export async function sftpFolder(label: string): Promise<{ remote: string; local: string }> {
  const f = sshd();
  const sub = `${label}-${randomBytes(4).toString('hex')}`;
  const local = path.join(f.chroot, f.uploadDir, sub);
  await mkdir(local);
  const uid = Number(execFileSync('id', ['-u', f.user]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', f.user]).toString().trim());
  await chown(local, uid, gid);
  return { remote: path.posix.join(f.uploadDir, sub), local };
}

export function sftpTarget(dir: string, extra: Record<string, unknown> = {}) {
  const f = sshd();
  return {
    type: 'sftp',
    host: f.host,
    port: f.port,
    user: f.user,
    privateKey: { file: f.privateKeyFile },
    hostKey: f.hostKey,
    dir,
    ...extra,
  };
}

export function rtToken(): string {
  return readFileSync(rt().tokenFile, 'utf8').trim();
}

/** GET on RT's REST2 API with the test token. */
export async function rtGet<T = Record<string, unknown>>(p: string, base = rt().url): Promise<T> {
  const res = await fetch(`${base}/REST/2.0${p}`, {
    headers: { Authorization: `token ${rtToken()}` },
  });
  if (!res.ok) throw new Error(`RT GET ${p}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function rtPost<T = Record<string, unknown>>(p: string, body: unknown): Promise<T> {
  const res = await fetch(`${rt().url}/REST/2.0${p}`, {
    method: 'POST',
    headers: { Authorization: `token ${rtToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`RT POST ${p}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Tickets in the test queue whose subject is exactly `subject`. */
export async function ticketsWithSubject(subject: string): Promise<string[]> {
  const q = `Queue = '${rt().queue}' AND Subject = '${subject.replace(/'/g, "\\'")}'`;
  const r = await rtGet<{ items: Array<{ id: string }> }>(
    `/tickets?query=${encodeURIComponent(q)}`,
  );
  return r.items.map((i) => String(i.id));
}

export interface RtAttachment {
  id: string;
  Filename: string;
  ContentType: string;
  TransactionId: string;
}

export async function ticketAttachments(ticket: string): Promise<RtAttachment[]> {
  const r = await rtGet<{ items: RtAttachment[] }>(
    `/ticket/${ticket}/attachments?per_page=100&fields=Filename,ContentType,TransactionId`,
  );
  return r.items;
}

/** The bytes RT holds for an attachment. */
export async function attachmentBytes(id: string): Promise<Buffer> {
  const a = await rtGet<{ Content: string }>(`/attachment/${id}`);
  return Buffer.from(a.Content, 'base64');
}

/** Every text/plain message on the ticket, oldest first. */
export async function ticketTexts(ticket: string): Promise<string[]> {
  const out: string[] = [];
  for (const a of await ticketAttachments(ticket))
    if (a.ContentType === 'text/plain' && !a.Filename)
      out.push((await attachmentBytes(a.id)).toString('utf8'));
  return out;
}

export function unique(label: string): string {
  return `${label} ${randomBytes(5).toString('hex')}`;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface OwnRtServer {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A second rt-server of the test RT (same database) on its own port, which a test may stop and
 * start without disturbing the shared one other test files use.
 */
export async function ownRtServer(): Promise<OwnRtServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const answers = async () => {
    try {
      const r = await fetch(`${url}/REST/2.0/queue/${rt().queue}`, {
        headers: { Authorization: `token ${rtToken()}` },
      });
      return r.ok;
    } catch {
      return false;
    }
  };
  return {
    url,
    async start() {
      child = spawn(
        rt().server,
        ['--host', '127.0.0.1', '--port', String(port), '--max-workers', '1'],
        {
          detached: true,
          stdio: 'ignore',
        },
      );
      for (let i = 0; i < 300 && !(await answers()); i++)
        await new Promise((r) => setTimeout(r, 200));
      if (!(await answers())) throw new Error(`own rt-server on ${url} did not start`);
    },
    async stop() {
      if (!child?.pid) return;
      const exited = new Promise((r) => child!.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
      for (let i = 0; i < 50 && (await answers()); i++)
        await new Promise((r) => setTimeout(r, 100));
      child = undefined;
    },
  };
}

/** A bundle made by the real `casepack collect` (a small profile: one config file and a command). */
export async function collectBundle(dir: string): Promise<string> {
  const { runCliJson } = await import('./cli.js');
  const work = path.join(dir, `collect-${randomBytes(3).toString('hex')}`);
  await mkdir(path.join(work, 'etc'), { recursive: true });
  await writeFile(path.join(work, 'etc', 'app.conf'), 'listen = 8443\nthreads = 16\n');
  const profile = path.join(work, 'profile.yaml');
  await writeFile(
    profile,
    [
      'name: submit-e2e',
      'files:',
      `  - { id: app-config, kind: config, paths: ["${work}/etc/*.conf"] }`,
      'commands:',
      '  - { id: uname, argv: [uname, -a], timeout: 5s }',
    ].join('\n'),
  );
  const out = path.join(work, 'out');
  await mkdir(out);
  const r = await runCliJson<{ bundle: string }>([
    'collect',
    '--profile',
    profile,
    '--out',
    out,
    '--yes',
    '--no-system-report',
  ]);
  if (r.code !== 0) throw new Error(`casepack collect failed (${r.code}): ${r.stderr}`);
  return r.json.bundle;
}
