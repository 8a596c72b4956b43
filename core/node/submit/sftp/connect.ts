// Connecting to an SFTP drop box with ssh2: our own TCP socket (connect timeout, no Nagle: without
// setNoDelay sequential 32 KiB writes crawl), the host key checked against the pin or the remembered
// key before any credential is sent, and errors that say what to do.
import net from 'node:net';
import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { describeSecretRef } from '../../../common/settings/secret-ref.js';
import type { SftpTarget } from '../../../common/targets/schema.js';
import { TARGET_DEFAULTS } from '../../../common/targets/schema.js';
import type { SecretRef } from '../../../common/settings/secret-ref.js';
import { resolveSecret } from '../../settings/secrets.js';
import { asSubmitError, permanent, transient } from '../errors.js';
import { describeKey, matchesPin, rememberedKey, type HostKey } from './host-keys.js';

export interface SftpSession {
  sftp: SFTPWrapper;
  hostKey: HostKey;
  close(): void;
}

export interface ConnectOptions {
  name: string;
  target: SftpTarget;
  dataDir: string;
  connectTimeout?: number;
  /** Resolves secret references (the service's resolver knows the desktop app's keychain). */
  secret?: (ref: SecretRef) => Promise<string>;
  /** Accept any host key (only to read its fingerprint for `targets trust`; no login happens). */
  probeOnly?: boolean;
}

export function sftpPort(t: SftpTarget): number {
  return t.port ?? TARGET_DEFAULTS.sftpPort;
}

export function sftpWhere(t: SftpTarget): string {
  return `${t.user}@${t.host}:${sftpPort(t)}${t.dir ? ` ${t.dir}` : ''}`;
}

function openSocket(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    sock.setNoDelay(true);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(
        transient(
          'timeout',
          `the SFTP server ${host}:${port} did not answer within ${timeoutMs / 1000}s`,
        ),
      );
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(asSubmitError(e, `the SFTP server ${host}:${port}`));
    });
  });
}

/** The key check's verdict, kept so the error after the handshake can say what was wrong. */
type KeyVerdict =
  { ok: true; key: HostKey } | { ok: false; key: HostKey; why: 'unknown' | 'mismatch' };

async function credentials(
  t: SftpTarget,
  resolveSecret: (ref: SecretRef) => Promise<string>,
): Promise<Partial<ConnectConfig>> {
  const out: Partial<ConnectConfig> = {};
  if (t.privateKey) out.privateKey = await resolveSecret(t.privateKey);
  if (t.passphrase) out.passphrase = await resolveSecret(t.passphrase);
  if (t.password) out.password = await resolveSecret(t.password);
  if (!t.privateKey && !t.password)
    throw permanent('config', 'the SFTP target has neither `privateKey` nor `password`');
  return out;
}

export async function connectSftp(o: ConnectOptions): Promise<SftpSession> {
  const t = o.target;
  const host = t.host;
  const port = sftpPort(t);
  const timeout = o.connectTimeout ?? t.connectTimeout ?? TARGET_DEFAULTS.connectTimeout;
  const creds = o.probeOnly ? {} : await credentials(t, o.secret ?? resolveSecret);
  const remembered = t.hostKey ? undefined : await rememberedKey(o.dataDir, host, port);
  const sock = await openSocket(host, port, timeout);
  const client = new Client();
  let verdict: KeyVerdict | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    // `on`, not `once`: after a handshake timeout ssh2 reports the closed socket as a second error,
    // which would otherwise crash the process (the promise keeps the first).
    client.on('error', (e: Error & { level?: string }) => {
      // A probe refuses every key on purpose, once it has seen it: no login is attempted.
      if (o.probeOnly && verdict) return resolve();
      if (verdict && !verdict.ok) return reject(hostKeyError(o.name, host, port, verdict));
      if (e.level === 'client-authentication') {
        const how = t.privateKey
          ? `the key in the ${describeSecretRef(t.privateKey)}`
          : `the password in the ${describeSecretRef(t.password!)}`;
        return reject(
          permanent(
            'auth',
            `the SFTP server ${host}:${port} refused the login of user "${t.user}" with ${how}`,
          ),
        );
      }
      if (e.level === 'client-timeout')
        return reject(
          transient(
            'timeout',
            `the SFTP server ${host}:${port} did not complete the SSH handshake in time`,
          ),
        );
      reject(keyProblem(e, t) ?? asSubmitError(e, `the SFTP server ${host}:${port}`));
    });
  });
  client.on('close', () => sock.destroy());

  try {
    client.connect({
      sock,
      host,
      port,
      username: t.user,
      readyTimeout: timeout,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 4,
      hostVerifier: (blob: Buffer) => {
        const key = describeKey(blob);
        if (o.probeOnly) {
          verdict = { ok: true, key };
          return false;
        }
        if (t.hostKey)
          verdict = matchesPin(t.hostKey, key)
            ? { ok: true, key }
            : { ok: false, key, why: 'mismatch' };
        else if (!remembered) verdict = { ok: false, key, why: 'unknown' };
        else
          verdict =
            remembered.base64 === key.base64
              ? { ok: true, key }
              : { ok: false, key, why: 'mismatch' };
        return verdict.ok;
      },
      ...creds,
    });
  } catch (e) {
    sock.destroy();
    throw keyProblem(e as Error, t) ?? asSubmitError(e, `the SFTP server ${host}:${port}`);
  }
  await ready;
  const hostKey = verdict!.key;
  if (o.probeOnly) {
    client.end();
    sock.destroy();
    return { sftp: undefined as unknown as SFTPWrapper, hostKey, close: () => undefined };
  }
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
    client.sftp((err, s) =>
      err
        ? reject(
            permanent(
              'remote',
              `the SSH server ${host}:${port} has no SFTP service: ${err.message}`,
            ),
          )
        : resolve(s),
    ),
  );
  return {
    sftp,
    hostKey,
    close: () => {
      client.end();
      // On a stalled line the goodbye never leaves; do not let that socket hold the process.
      setTimeout(() => sock.destroy(), 1000).unref();
    },
  };
}

/** A private key ssh2 cannot use: say which reference and why (never the key). */
function keyProblem(e: Error, t: SftpTarget) {
  if (!t.privateKey || !/privateKey|private key|passphrase|key format/i.test(e.message))
    return undefined;
  const why = /passphrase|encrypted/i.test(e.message)
    ? 'it is encrypted and no passphrase is configured (or the passphrase is wrong)'
    : 'its format is not supported (use an OpenSSH or PEM key, e.g. from ssh-keygen)';
  return permanent(
    'config',
    `cannot use the private key in the ${describeSecretRef(t.privateKey)}: ${why}`,
  );
}

function hostKeyError(name: string, host: string, port: number, v: KeyVerdict & { ok: false }) {
  if (v.why === 'unknown')
    return permanent(
      'auth',
      `the SFTP server ${host}:${port} is not known yet: its ${v.key.algorithm} host key has the fingerprint ${v.key.fingerprint}. ` +
        `Compare it with the one your vendor published, then run \`casepack targets trust ${name} --fingerprint ${v.key.fingerprint}\` ` +
        `(or pin it as \`hostKey\` in the settings). Nothing was sent.`,
    );
  return permanent(
    'auth',
    `the SFTP server ${host}:${port} presented a DIFFERENT host key (${v.key.algorithm} ${v.key.fingerprint}) than the one casepack trusts: ` +
      `someone may be intercepting the connection, or the server was reinstalled. Ask your vendor before you trust the new key. Nothing was sent.`,
  );
}

/** Connect without logging in, to show the server's host key (first use). */
export async function probeHostKey(o: Omit<ConnectOptions, 'probeOnly'>): Promise<HostKey> {
  return (await connectSftp({ ...o, probeOnly: true })).hostKey;
}
