// Request Tracker 5 (Debian, rt-server on 127.0.0.1) as the case system: every assertion reads the
// ticket back through RT's REST2 API, and files on the SFTP server's disk.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { binPath } from '../support/paths.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { tempDir } from '../support/tmp.js';
import {
  attachmentBytes,
  makeBundle,
  ownRtServer,
  rt,
  rtGet,
  rtPost,
  rtTarget,
  rtToken,
  sampleCase,
  sftpFolder,
  sftpTarget,
  sha256File,
  ticketAttachments,
  ticketTexts,
  ticketsWithSubject,
  unique,
  writeConfig,
} from '../support/submit-env.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('casepack-rt-');
});

const MiB = 1024 * 1024;
const fastRetry = { retry: { initialDelay: '300ms', maxDelay: '2s', window: '3m' } };

interface SubmitJson {
  status: string;
  caseNumber?: string;
  receipt?: { target: string; file: string; size: number; sha256: string };
  notes: string[];
}

async function bundleFor(summary: string, payload: number) {
  return makeBundle(dir, { payloadBytes: payload, case: sampleCase(summary) });
}

function customFields(t: { CustomFields: Array<{ name: string; values: string[] }> }) {
  return Object.fromEntries(t.CustomFields.map((f) => [f.name, f.values]));
}

describe('submit to Request Tracker', () => {
  it('opens a ticket with the custom fields, the requestor and the bundle attached, read back byte for byte', async () => {
    const summary = unique('Logins hang after upgrade');
    const bundle = await bundleFor(summary, 2 * MiB);
    const data = path.join(dir, 'data-new');
    const config = await writeConfig(dir, {
      targets: { 'vendor-rt': rtTarget({ attachLimit: '10MiB' }) },
    });
    const r = await runCliJson<SubmitJson>(
      ['--config', config, 'submit', bundle, '--target', 'vendor-rt'],
      { env: { CASEPACK_DATA_DIR: data } },
    );
    expect(r.code, r.stderr).toBe(0);
    const ids = await ticketsWithSubject(summary);
    expect(ids).toHaveLength(1);
    const id = ids[0]!;
    expect(r.json.caseNumber).toBe(id);
    const want = await sha256File(bundle);
    expect(r.json.receipt).toMatchObject({
      target: 'vendor-rt',
      file: path.basename(bundle),
      size: statSync(bundle).size,
      sha256: want,
    });

    const t = await rtGet<{
      CustomFields: Array<{ name: string; values: string[] }>;
      Requestor: Array<{ id: string }>;
    }>(`/ticket/${id}`);
    expect(customFields(t)).toMatchObject({
      Severity: ['P2'],
      'Case Type': ['product-error'],
      'Product Version': ['4.2.1'],
      Platform: ['Debian 12 x86_64'],
    });
    expect(t.Requestor.map((x) => x.id)).toEqual(['ada@customer.example']);
    const att = (await ticketAttachments(id)).filter((a) => a.Filename === path.basename(bundle));
    expect(att).toHaveLength(1);
    const bytes = await attachmentBytes(att[0]!.id);
    expect(bytes.length).toBe(statSync(bundle).size);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(want);
    const [body] = await ticketTexts(id);
    expect(body).toContain('Steps to reproduce');
    expect(body).toContain('Ada Admin');
    expect(body).toContain(`${path.basename(bundle)} (`);

    // The token never lands in the outbox, the history, or the output.
    const token = rtToken().split('-').pop()!;
    expect(r.stdout + r.stderr).not.toContain(token);
    for (const f of readdirSync(data, { recursive: true }) as string[]) {
      const p = path.join(data, f);
      if (statSync(p).isFile()) expect(readFileSync(p, 'utf8')).not.toContain(token);
    }
  });

  it('sends a large bundle over SFTP named after the new ticket, and puts the receipt on the ticket', async () => {
    const summary = unique('Heap dump for the memory leak');
    const bundle = await bundleFor(summary, 3 * MiB);
    const folder = await sftpFolder('rt-large');
    const config = await writeConfig(dir, {
      targets: {
        'vendor-rt': rtTarget({ attachLimit: '1MiB', largeFiles: 'vendor-sftp' }),
        'vendor-sftp': sftpTarget(folder.remote),
      },
    });
    const r = await runCliJson<SubmitJson>(
      ['--config', config, 'submit', bundle, '--target', 'vendor-rt'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-large') } },
    );
    expect(r.code, r.stderr).toBe(0);
    const [id, ...more] = await ticketsWithSubject(summary);
    expect(more).toEqual([]);
    const remote = `${id}_${path.basename(bundle)}`;
    const want = await sha256File(bundle);
    expect(await sha256File(path.join(folder.local, remote))).toBe(want);
    expect(r.json).toMatchObject({
      status: 'done',
      caseNumber: id,
      receipt: { target: 'vendor-sftp', file: remote, sha256: want },
    });
    expect((await ticketAttachments(id!)).filter((a) => a.Filename)).toEqual([]);
    const texts = await ticketTexts(id!);
    const receipt = texts.find((x) => x.includes('casepack delivered the bundle'));
    expect(receipt).toContain(`File: ${remote}`);
    expect(receipt).toContain(`SHA-256: ${want}`);
    expect(receipt).toContain(`Size: ${statSync(bundle).size} bytes`);
  });

  it('adds an update to an existing ticket (--case N) without opening a new one', async () => {
    const summary = unique('Existing case');
    const created = await rtPost<{ id: string }>('/ticket', {
      Queue: rt().queue,
      Subject: summary,
      Content: 'opened by the vendor',
      ContentType: 'text/plain',
    });
    const id = String(created.id);
    const bundle = await bundleFor(`${summary} (update)`, MiB);
    const config = await writeConfig(dir, { targets: { 'vendor-rt': rtTarget() } });
    const r = await runCliJson<SubmitJson>(
      [
        '--config',
        config,
        'submit',
        bundle,
        '--target',
        'vendor-rt',
        '--case',
        id,
        '--ref',
        'REF-77',
      ],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-update') } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.caseNumber).toBe(id);
    expect(await ticketsWithSubject(`${summary} (update)`)).toEqual([]);
    const att = (await ticketAttachments(id)).filter((a) => a.Filename === path.basename(bundle));
    expect(att).toHaveLength(1);
    const hist = await rtGet<{ items: Array<{ id: string; Type: string }> }>(
      `/ticket/${id}/history?fields=Type`,
    );
    const tx = hist.items.find((x) => x.id === att[0]!.TransactionId);
    expect(tx?.Type).toBe('Correspond');
    expect((await ticketTexts(id)).some((x) => x.includes('Reference: REF-77'))).toBe(true);
  });

  it('notices that RT cut an attachment and delivers the bundle over SFTP instead', async () => {
    const summary = unique('Bundle over the RT attachment size');
    // RT here keeps at most 24 MiB per attachment (truncating silently, answering success).
    const bundle = await bundleFor(summary, 26 * MiB);
    const folder = await sftpFolder('rt-cut');
    const config = await writeConfig(dir, {
      targets: {
        'vendor-rt': rtTarget({ attachLimit: '64MiB', largeFiles: 'vendor-sftp' }),
        'vendor-sftp': sftpTarget(folder.remote),
      },
    });
    const r = await runCliJson<SubmitJson>(
      ['--config', config, 'submit', bundle, '--target', 'vendor-rt'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-cut') }, timeoutMs: 300_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const [id] = await ticketsWithSubject(summary);
    expect(r.json.notes.join('\n')).toMatch(/RT kept only \d+ of \d+ bytes/);
    expect(await sha256File(path.join(folder.local, `${id}_${path.basename(bundle)}`))).toBe(
      await sha256File(bundle),
    );
    expect((await ticketTexts(id!)).some((x) => x.includes('casepack delivered the bundle'))).toBe(
      true,
    );
  }, 300_000);

  it('keeps the job queued while RT is down, retries, and opens exactly one ticket when RT is back', async () => {
    const own = await ownRtServer();
    const summary = unique('Opened while RT was down');
    const bundle = await bundleFor(summary, MiB);
    const data = path.join(dir, 'data-down');
    const config = await writeConfig(dir, {
      network: fastRetry,
      targets: { 'vendor-rt': rtTarget({ url: own.url }) },
    });
    const child = spawn(
      process.execPath,
      [binPath, '--config', config, 'submit', bundle, '--target', 'vendor-rt', '--json'],
      {
        env: { ...process.env, CASEPACK_DATA_DIR: data },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      // The job is in the outbox, queued, with the reason.
      let job: { status: string; attempts: number; lastError?: { message: string } } | undefined;
      for (let i = 0; i < 200; i++) {
        const l = await runCliJson<{ jobs: Array<typeof job> }>(
          ['--config', config, 'outbox', 'list'],
          { env: { CASEPACK_DATA_DIR: data } },
        );
        job = l.json.jobs[0];
        // Between attempts the job waits as `queued` (during an attempt it shows `running`).
        if (job && job.attempts >= 2 && job.status === 'queued') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(job?.status).toBe('queued');
      expect(job?.lastError?.message).toMatch(/refused the connection/);
      await own.start();
      expect(await exit, stderr).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ status: 'done' });
      expect(await ticketsWithSubject(summary)).toHaveLength(1);
    } finally {
      child.kill();
      await own.stop();
    }
  });

  it('opens exactly one ticket when the reply to the create request is lost', async () => {
    const r0 = rt();
    const proxy = await startTcpProxy(
      { host: '127.0.0.1', port: r0.port },
      { dropReplyAfterUp: 'POST /REST/2.0/ticket ' },
    );
    try {
      const summary = unique('Reply lost after create');
      const bundle = await bundleFor(summary, MiB);
      const config = await writeConfig(dir, {
        network: fastRetry,
        targets: { 'vendor-rt': rtTarget({ url: `http://127.0.0.1:${proxy.port}` }) },
      });
      const r = await runCliJson<SubmitJson>(
        ['--config', config, 'submit', bundle, '--target', 'vendor-rt'],
        { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-lost') } },
      );
      expect(proxy.dropped).toBe(1);
      expect(r.code, r.stderr).toBe(0);
      const ids = await ticketsWithSubject(summary);
      expect(ids).toHaveLength(1);
      expect(r.json.caseNumber).toBe(ids[0]);
      expect(
        (await ticketAttachments(ids[0]!)).filter((a) => a.Filename === path.basename(bundle)),
      ).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('says clearly when RT refuses the token, without showing it, and keeps the job', async () => {
    const bad = path.join(dir, 'bad-token');
    await writeFile(bad, '1-14-0123456789abcdef0123456789abcdef\n', { mode: 0o600 });
    const bundle = await bundleFor(unique('bad token'), 1024);
    const config = await writeConfig(dir, {
      targets: { 'vendor-rt': rtTarget({ token: { file: bad } }) },
    });
    const r = await runCliJson<SubmitJson>(
      ['--config', config, 'submit', bundle, '--target', 'vendor-rt'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-bad') } },
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`RT at ${rt().url} refused the credentials (HTTP 401)`);
    expect(r.stdout + r.stderr).not.toContain('0123456789abcdef0123456789abcdef');
    expect(r.json.status).toBe('failed');
  });

  it('refuses a token file others can read, naming the fix', async () => {
    const loose = path.join(dir, 'loose-token');
    await writeFile(loose, rtToken(), { mode: 0o644 });
    const bundle = await bundleFor(unique('loose token'), 1024);
    const config = await writeConfig(dir, {
      targets: { 'vendor-rt': rtTarget({ token: { file: loose } }) },
    });
    const r = await runCli(['--config', config, 'submit', bundle, '--target', 'vendor-rt'], {
      env: { CASEPACK_DATA_DIR: path.join(dir, 'data-loose') },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`chmod 600 ${loose}`);
    expect(r.stderr).not.toContain(rtToken());
  });

  it('refuses plain http:// to a host that is not loopback, in the settings check', async () => {
    const config = await writeConfig(dir, {
      targets: { 'vendor-rt': rtTarget({ url: 'http://rt.vendor.example' }) },
    });
    const r = await runCli(['--config', config, 'targets']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /targets\.vendor-rt\.url: http:\/\/ would send the credentials unencrypted to rt\.vendor\.example/,
    );
  });
});
