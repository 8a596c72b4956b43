// Promise wrappers over ssh2's callback SFTP API, with errors mapped to what the user can act on.
import type { Stats } from 'ssh2';
import type { SFTPWrapper } from 'ssh2';
import { asSubmitError, permanent, transient, type SubmitError } from '../errors.js';

/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02). */
export const FX = { EOF: 1, NO_SUCH_FILE: 2, PERMISSION_DENIED: 3, FAILURE: 4 } as const;

export function sftpCode(e: unknown): number | undefined {
  const c = (e as { code?: unknown } | undefined)?.code;
  return typeof c === 'number' ? c : undefined;
}

/** An SFTP error as a SubmitError; `what` says which operation on which file. */
export function sftpError(e: unknown, what: string): SubmitError {
  const code = sftpCode(e);
  if (code === FX.PERMISSION_DENIED)
    return permanent('permission', `${what}: permission denied on the server`);
  if (code === FX.NO_SUCH_FILE)
    return permanent('remote', `${what}: no such file or folder on the server`);
  if (code === FX.FAILURE) return permanent('remote', `${what}: the server reported a failure`);
  const msg = (e as Error | undefined)?.message ?? '';
  if (/No response from server|Connection lost|not connected|closed/i.test(msg))
    return transient('network', `${what}: the connection to the server was lost`);
  return asSubmitError(e, what);
}

export function stat(sftp: SFTPWrapper, p: string): Promise<Stats | undefined> {
  return new Promise((resolve, reject) =>
    sftp.stat(p, (err, st) => {
      if (!err) return resolve(st);
      if (sftpCode(err) === FX.NO_SUCH_FILE) return resolve(undefined);
      reject(sftpError(err, `cannot look at ${p}`));
    }),
  );
}

export function open(sftp: SFTPWrapper, p: string, flags: 'r' | 'r+' | 'w'): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    sftp.open(p, flags, 0o644, (err, h) =>
      err ? reject(sftpError(err, `cannot open ${p}`)) : resolve(h),
    ),
  );
}

export function close(sftp: SFTPWrapper, h: Buffer): Promise<void> {
  return new Promise((resolve) => sftp.close(h, () => resolve()));
}

export function unlink(sftp: SFTPWrapper, p: string): Promise<void> {
  return new Promise((resolve, reject) =>
    sftp.unlink(p, (err) =>
      !err || sftpCode(err) === FX.NO_SUCH_FILE
        ? resolve()
        : reject(sftpError(err, `cannot remove ${p}`)),
    ),
  );
}

export function fsync(sftp: SFTPWrapper, h: Buffer): Promise<void> {
  return new Promise((resolve) => {
    try {
      sftp.ext_openssh_fsync(h, () => resolve());
    } catch {
      resolve(); // the server lacks fsync@openssh.com: the close is all we can do
    }
  });
}

/** Atomic rename over an existing file (posix-rename@openssh.com), else a plain rename. */
export function renameAtomic(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | undefined | null) =>
      err ? reject(sftpError(err, `cannot rename ${from} to ${to}`)) : resolve();
    try {
      sftp.ext_openssh_rename(from, to, done);
    } catch {
      sftp.rename(from, to, done);
    }
  });
}

/** Free bytes for an unprivileged user where `p` lives, if the server tells (statvfs@openssh.com). */
export function freeBytes(sftp: SFTPWrapper, p: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    try {
      sftp.ext_openssh_statvfs(
        p,
        (err, fs: { f_bavail?: number; f_frsize?: number; f_bsize?: number }) => {
          if (err || fs?.f_bavail === undefined) return resolve(undefined);
          resolve(Number(fs.f_bavail) * Number(fs.f_frsize || fs.f_bsize || 0));
        },
      );
    } catch {
      resolve(undefined);
    }
  });
}
