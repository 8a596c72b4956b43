// One SMTP session with nodemailer's SMTPConnection (not the transport: we need the size limit the
// server announces in its EHLO before deciding what to attach), and messages streamed by its
// MailComposer. Replies map to retry (4xx, connection trouble) or a clear stop (5xx, auth, TLS).
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SecretRef } from '../../../common/settings/secret-ref.js';
import { describeSecretRef } from '../../../common/settings/secret-ref.js';
import type { SmtpTarget } from '../../../common/targets/schema.js';
import { TARGET_DEFAULTS } from '../../../common/targets/schema.js';
import { permanent, transient, type SubmitError } from '../errors.js';

export interface SmtpSession {
  /** The server's announced limit (EHLO SIZE), if it announced one. */
  maxSize: number | undefined;
  send(envelope: { from: string; to: string[]; size: number }, message: Readable): Promise<void>;
  reset(): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  requireTls: boolean;
  stallMs: number;
  connectMs: number;
  secret(ref: SecretRef): Promise<string>;
  warn(msg: string): void;
}

function where(t: SmtpTarget): string {
  return `the mail server ${t.host}:${t.port ?? TARGET_DEFAULTS.smtpPort}`;
}

/** A nodemailer error (with responseCode, code) as a SubmitError. */
export function smtpError(e: unknown, t: SmtpTarget): SubmitError {
  const err = e as { responseCode?: number; code?: string; response?: string; message?: string };
  const reply = (err.response ?? '').split('\n')[0]?.slice(0, 200) ?? '';
  if (err.responseCode && err.responseCode >= 400 && err.responseCode < 500)
    return transient(
      'remote',
      `${where(t)} said "try again later" (${reply || err.responseCode}); will retry`,
    );
  if (err.code === 'EAUTH')
    return permanent(
      'auth',
      `${where(t)} refused the login of "${t.user}" (${reply || 'authentication failed'})`,
    );
  if (
    err.code === 'ETLS' ||
    err.code === 'EREQUIRETLS' ||
    /certificate|TLS/i.test(err.message ?? '')
  )
    return permanent(
      'network',
      `cannot talk to ${where(t)} securely (${err.message?.split('\n')[0]}): check its TLS setup, add its CA as \`caFile\`, or set requireTls: false for a server on this host`,
    );
  if (err.responseCode && err.responseCode >= 500)
    return permanent('remote', `${where(t)} refused the message (${reply || err.responseCode})`);
  if (err.code === 'ETIMEDOUT') return transient('timeout', `${where(t)} did not answer in time`);
  if (err.code === 'ECONNECTION' || err.code === 'ESOCKET' || err.code === 'EDNS')
    return transient(
      'network',
      `${where(t)}: ${err.message?.split('\n')[0] ?? 'connection failed'}`,
    );
  return transient('network', `${where(t)}: ${err.message ?? String(e)}`);
}

export async function openSmtp(t: SmtpTarget, o: SmtpOptions): Promise<SmtpSession> {
  let ca: string[] | undefined;
  if (t.caFile) ca = [...tls.rootCertificates, await readFile(t.caFile, 'utf8')];
  if (t.insecureSkipTlsVerify)
    o.warn(`TLS CERTIFICATE CHECKS ARE OFF for ${where(t)} (insecureSkipTlsVerify)`);
  if (t.user && t.password && !o.requireTls && !t.secure)
    o.warn(`${where(t)}: the password may travel unencrypted if the server offers no STARTTLS`);
  const conn = new SMTPConnection({
    host: t.host,
    port: t.port ?? TARGET_DEFAULTS.smtpPort,
    secure: t.secure ?? false,
    requireTLS: o.requireTls && !t.secure,
    opportunisticTLS: !o.requireTls,
    connectionTimeout: o.connectMs,
    greetingTimeout: o.connectMs,
    socketTimeout: o.stallMs,
    socketCloseTimeout: 0,
    tls: { ...(ca ? { ca } : {}), rejectUnauthorized: !t.insecureSkipTlsVerify },
  });
  conn.on('error', () => undefined); // errors arrive through the callbacks
  try {
    await new Promise<void>((resolve, reject) =>
      conn.connect((err) => (err ? reject(err) : resolve())),
    );
    if (t.user) {
      if (!t.password)
        throw permanent('config', `the mail target has a user but no password reference`);
      const pass = await o.secret(t.password);
      await new Promise<void>((resolve, reject) =>
        conn.login({ credentials: { user: t.user!, pass } }, (err) =>
          err ? reject(err) : resolve(),
        ),
      );
    }
  } catch (e) {
    conn.close();
    if ((e as { code?: string }).code === 'EAUTH' && t.password)
      throw permanent(
        'auth',
        `${where(t)} refused the login of "${t.user}" with the password in the ${describeSecretRef(t.password)}`,
      );
    throw e instanceof Error && 'retryable' in e ? e : smtpError(e, t);
  }
  // The limit from the server's EHLO; nodemailer keeps it on the connection.
  const announced = (conn as unknown as { _maxAllowedSize?: number })._maxAllowedSize;
  return {
    maxSize: announced ? announced : undefined,
    send: (envelope, message) =>
      new Promise((resolve, reject) => {
        conn.send(envelope, message, (err) => (err ? reject(err) : resolve()));
      }),
    reset: () => new Promise((resolve) => conn.reset(() => resolve())),
    close: () => conn.quit(),
  };
}

export interface MessageSpec {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  attachments: Array<
    | { filename: string; path: string; contentType: string }
    | { filename: string; content: Readable | string; contentType: string }
  >;
}

/** The message as a stream (attachments are read while it is sent, never held whole). */
export function composeMessage(m: MessageSpec): Readable {
  return new MailComposer({
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    attachments: m.attachments,
  })
    .compile()
    .createReadStream();
}
