// E-mail: through the real postfix into RT's mail gateway (the message must land on the right
// ticket, read back through RT's API), and an in-process SMTP server of our own only for the replies
// postfix will not give on demand (552 too large, 451 try later).
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import {
  attachmentBytes,
  makeBundle,
  postfix,
  rt,
  rtPost,
  sampleCase,
  sftpFolder,
  sftpTarget,
  sha256File,
  ticketAttachments,
  ticketTexts,
  unique,
  writeConfig,
} from '../support/submit-env.js';

const MiB = 1024 * 1024;
let dir: string;
beforeAll(async () => {
  dir = await tempDir('casepack-mail-');
});

interface SubmitJson {
  status: string;
  caseNumber?: string;
  receipt?: { target: string; file: string; sha256: string };
  notes: string[];
}

/** An SMTP server whose replies the test decides; it keeps every accepted message. */
async function ownSmtp(opts: {
  size?: number;
  reply?: (n: number, bytes: number) => number | undefined;
}) {
  const accepted: string[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    ...(opts.size ? { size: opts.size } : {}),
    logger: false,
    onData(stream, _session, cb) {
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      stream.on('end', () => {
        attempts++;
        const raw = Buffer.concat(parts).toString('latin1');
        const code = opts.reply?.(attempts, raw.length);
        if (code) {
          const err = Object.assign(
            new Error(code === 552 ? 'Message too large' : 'Try again later'),
            { responseCode: code },
          );
          return cb(err);
        }
        accepted.push(raw);
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    accepted,
    attempts: () => attempts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function mailTarget(port: number, extra: Record<string, unknown> = {}) {
  return {
    type: 'smtp',
    host: '127.0.0.1',
    port,
    from: 'admin@customer.example',
    to: 'support@vendor.example',
    subjectTag: 'casepack.test',
    ...extra,
  };
}

/** The message with quoted-printable soft breaks and escapes undone (for text checks). */
function unQp(raw: string): string {
  return Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}

/** Attachment file names in a raw MIME message. */
function attachmentNames(raw: string): string[] {
  return [...raw.matchAll(/Content-Disposition: attachment;\s*filename=("?)([^";\r\n]+)\1/gi)].map(
    (m) => m[2]!,
  );
}

describe('submit by e-mail', () => {
  it('lands on the right RT ticket through postfix and rt-mailgate, with the bundle attached', async () => {
    const p = postfix();
    const summary = unique('Mail update');
    const created = await rtPost<{ id: string }>('/ticket', {
      Queue: rt().queue,
      Subject: summary,
      Content: 'opened by the vendor',
      ContentType: 'text/plain',
    });
    const id = String(created.id);
    const bundle = await makeBundle(dir, { payloadBytes: 300 * 1024, case: sampleCase(summary) });
    const config = await writeConfig(dir, { targets: { mail: mailTarget(p.port, { to: p.to }) } });
    const r = await runCliJson<SubmitJson>(
      ['--config', config, 'submit', bundle, '--target', 'mail', '--case', id, '--ref', 'R-1'],
      { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-postfix') } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.receipt).toMatchObject({ target: 'mail', file: path.basename(bundle) });
    // Postfix hands it to rt-mailgate within a few seconds: wait for it on the ticket.
    let found: { id: string } | undefined;
    for (let i = 0; i < 150 && !found; i++) {
      found = (await ticketAttachments(id)).find((a) => a.Filename === path.basename(bundle));
      if (!found) await new Promise((res) => setTimeout(res, 200));
    }
    expect(found, 'the mail did not reach the ticket').toBeDefined();
    const bytes = await attachmentBytes(found!.id);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(await sha256File(bundle));
    const texts = await ticketTexts(id);
    expect(texts.some((t) => t.includes('Reference: R-1') && t.includes(summary))).toBe(true);
  });

  it('falls back to report.html and the manifest when the server answers 552, and says where the bundle is', async () => {
    const smtp = await ownSmtp({ reply: (_n, bytes) => (bytes > 512 * 1024 ? 552 : undefined) });
    try {
      const bundle = await makeBundle(dir, { payloadBytes: MiB });
      const config = await writeConfig(dir, { targets: { mail: mailTarget(smtp.port) } });
      const r = await runCliJson<SubmitJson>(
        ['--config', config, 'submit', bundle, '--target', 'mail', '--case', '99'],
        { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-552') } },
      );
      expect(r.code).toBe(5);
      expect(r.json.status).toBe('partial');
      expect(r.json.notes.join('\n')).toContain('552');
      expect(smtp.accepted).toHaveLength(1);
      const raw = smtp.accepted[0]!;
      expect(attachmentNames(raw).sort()).toEqual(['manifest.json', 'report.html']);
      expect(raw).toMatch(/Subject: \[casepack\.test #99\]/);
      expect(unQp(raw)).toContain(`it stays with the customer at ${bundle}`);
    } finally {
      await smtp.close();
    }
  });

  it('sends the bundle over SFTP and mails where it went, when the bundle is over the announced SIZE', async () => {
    const smtp = await ownSmtp({ size: 256 * 1024 });
    const folder = await sftpFolder('mail-large');
    try {
      const bundle = await makeBundle(dir, { payloadBytes: MiB });
      const config = await writeConfig(dir, {
        targets: {
          mail: mailTarget(smtp.port, { largeFiles: 'drop' }),
          drop: sftpTarget(folder.remote),
        },
      });
      const r = await runCliJson<SubmitJson>(
        ['--config', config, 'submit', bundle, '--target', 'mail', '--case', '123'],
        { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-size') } },
      );
      expect(r.code, r.stderr).toBe(0);
      const remote = `123_${path.basename(bundle)}`;
      expect(await sha256File(path.join(folder.local, remote))).toBe(await sha256File(bundle));
      expect(r.json.receipt).toMatchObject({ target: 'drop', file: remote });
      expect(smtp.attempts()).toBe(1);
      const raw = smtp.accepted[0]!;
      expect(attachmentNames(raw).sort()).toEqual(['manifest.json', 'report.html']);
      expect(unQp(raw)).toContain(`File: ${remote}`);
      expect(unQp(raw)).toContain(`${statSync(bundle).size} bytes`);
    } finally {
      await smtp.close();
    }
  });

  it('retries after 451 (try again later) and then delivers the bundle', async () => {
    const smtp = await ownSmtp({ reply: (n) => (n === 1 ? 451 : undefined) });
    try {
      const bundle = await makeBundle(dir, { payloadBytes: 64 * 1024 });
      const config = await writeConfig(dir, {
        network: { retry: { initialDelay: '200ms', maxDelay: '1s', window: '1m' } },
        targets: { mail: mailTarget(smtp.port) },
      });
      const r = await runCliJson<SubmitJson>(
        ['--config', config, 'submit', bundle, '--target', 'mail'],
        { env: { CASEPACK_DATA_DIR: path.join(dir, 'data-451') } },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('try again later');
      expect(smtp.attempts()).toBe(2);
      expect(attachmentNames(smtp.accepted[0]!)).toEqual([path.basename(bundle)]);
    } finally {
      await smtp.close();
    }
  });
});
