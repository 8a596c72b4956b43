// A resumable SFTP upload: write `<name>.part` at explicit offsets from the size the server already
// has (opened read-write: append mode ignores offsets), many writes in flight like OpenSSH's sftp,
// then fsync, read the whole file back to check its sha256, and rename it atomically into place.
// Requests are as large as the server accepts (OpenSSH: 255 KiB, from limits@openssh.com), with
// about 4 MiB in flight: a quarter of the requests and replies of 64 KiB ones, for the same bytes.
import { createHash } from 'node:crypto';
import { open as openLocal } from 'node:fs/promises';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { formatBytes } from '../../../common/units.js';
import { permanent, transient, type SubmitError } from '../errors.js';
import { StallTimer } from '../progress.js';
import {
  close,
  freeBytes,
  fsync,
  open,
  renameAtomic,
  sftpError,
  stat,
  unlink,
} from './sftp-ops.js';

/** Bytes in flight per direction (OpenSSH's sftp: 64 x 32 KiB = 2 MiB; its channel window is 2 MiB). */
export const SFTP_BYTES_IN_FLIGHT = 4 * 1024 * 1024;
/** The largest request casepack sends (OpenSSH's sftp-server takes up to 256 KiB per message). */
export const SFTP_MAX_REQUEST = 256 * 1024;
/** Without limits@openssh.com ssh2 assumes about 32 KiB, which every SFTP server must accept. */
const SFTP_MIN_REQUEST = 32 * 1024;

export interface UploadRequest {
  sftp: SFTPWrapper;
  localPath: string;
  size: number;
  sha256: string;
  remotePath: string;
  stallMs: number;
  /** Called once the offset to resume from is known (before any byte is sent). */
  onResume?: (offset: number) => void;
  /** Bytes confirmed by the server (phase upload) or read back (phase verify). */
  onBytes?: (phase: 'upload' | 'verify', n: number) => void;
  signal?: AbortSignal;
  chunkSize?: number;
  inFlight?: number;
}

export interface UploadResult {
  remotePath: string;
  resumedFrom: number;
  bytesSent: number;
  /** The finished file was already on the server (a retry after the rename). */
  alreadyThere: boolean;
}

/**
 * Bytes per read or write request for this server: what ssh2 learned from limits@openssh.com
 * (it splits a larger request into sequential ones, which would stall the pipeline), capped.
 */
export function requestSize(sftp: SFTPWrapper, kind: 'read' | 'write'): number {
  const limits = sftp as unknown as { _maxReadLen?: unknown; _maxWriteLen?: unknown };
  const max = kind === 'read' ? limits._maxReadLen : limits._maxWriteLen;
  if (typeof max !== 'number' || !Number.isFinite(max)) return SFTP_MIN_REQUEST;
  return Math.max(1024, Math.min(SFTP_MAX_REQUEST, Math.floor(max)));
}

function requestsInFlight(chunk: number): number {
  return Math.max(1, Math.floor(SFTP_BYTES_IN_FLIGHT / chunk));
}

/** Run `count` requests with at most `inFlight` outstanding, in offset order; reject on the first error. */
function pipeline(
  total: number,
  start: number,
  chunk: number,
  inFlight: number,
  issue: (pos: number, len: number, done: (err?: unknown) => void) => void,
  stall: { ms: number; error: () => SubmitError },
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = start;
    let outstanding = 0;
    let failed = false;
    // On a stalled line the outstanding requests never get an answer (not even an error), so the
    // stall ends the pipeline itself; the caller then drops the connection.
    const timer = new StallTimer(stall.ms, () => fail(stall.error()));
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      timer.stop();
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    };
    const onAbort = () => fail(transient('cancelled', 'cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const pump = () => {
      while (!failed && outstanding < inFlight && next < total) {
        const pos = next;
        const len = Math.min(chunk, total - pos);
        next += len;
        outstanding++;
        issue(pos, len, (err) => {
          outstanding--;
          if (err) return fail(err);
          timer.touch();
          if (next >= total && outstanding === 0) {
            signal?.removeEventListener('abort', onAbort);
            timer.stop();
            resolve();
          } else pump();
        });
      }
    };
    if (start >= total) {
      timer.stop();
      signal?.removeEventListener('abort', onAbort);
      return resolve();
    }
    pump();
  });
}

async function writeFrom(req: UploadRequest, handle: Buffer, offset: number): Promise<void> {
  const chunk = req.chunkSize ?? requestSize(req.sftp, 'write');
  const local = await openLocal(req.localPath, 'r');
  let chain: Promise<void> = Promise.resolve();
  const stall = {
    ms: req.stallMs,
    error: () =>
      transient(
        'timeout',
        `the upload stalled: the server confirmed nothing for ${req.stallMs / 1000}s`,
      ),
  };
  try {
    await pipeline(
      req.size,
      offset,
      chunk,
      req.inFlight ?? requestsInFlight(chunk),
      (pos, len, done) => {
        // Reads are chained so that writes leave in offset order: the server then holds a
        // contiguous prefix at any moment, and its file size is where a resume starts.
        chain = chain
          .then(async () => {
            const buf = Buffer.allocUnsafe(len);
            const { bytesRead } = await local.read(buf, 0, len, pos);
            if (bytesRead !== len)
              return done(
                permanent('io', `the bundle ${req.localPath} shrank while it was being sent`),
              );
            req.sftp.write(handle, buf, 0, len, pos, (err) => {
              if (!err) req.onBytes?.('upload', len);
              done(err ?? undefined);
            });
          })
          .catch(done);
      },
      stall,
      req.signal,
    );
  } finally {
    await local.close();
  }
}

/** sha256 of the remote file as the server returns it, read with many requests in flight. */
export async function remoteSha256(
  req: UploadRequest,
  remote: string,
  size: number,
): Promise<string> {
  const chunk = req.chunkSize ?? requestSize(req.sftp, 'read');
  const handle = await open(req.sftp, remote, 'r');
  const hash = createHash('sha256');
  const ready = new Map<number, Buffer>();
  let hashedTo = 0;
  const stall = {
    ms: req.stallMs,
    error: () => transient('timeout', `reading the upload back stalled for ${req.stallMs / 1000}s`),
  };
  await pipeline(
    size,
    0,
    chunk,
    req.inFlight ?? requestsInFlight(chunk),
    (pos, len, done) => {
      const buf = Buffer.allocUnsafe(len);
      req.sftp.read(handle, buf, 0, len, pos, (err, n) => {
        if (err) return done(err);
        if (n !== len)
          return done(transient('verify', `${remote} is shorter on the server than it should be`));
        ready.set(pos, buf);
        // Replies come in order from OpenSSH, but hash strictly by offset whatever the order.
        for (let b = ready.get(hashedTo); b; b = ready.get(hashedTo)) {
          ready.delete(hashedTo);
          hash.update(b);
          hashedTo += b.length;
        }
        req.onBytes?.('verify', len);
        done();
      });
    },
    stall,
    req.signal,
  );
  await close(req.sftp, handle);
  return hash.digest('hex');
}

async function explainWriteFailure(
  req: UploadRequest,
  e: unknown,
  part: string,
): Promise<SubmitError> {
  const err = sftpError(e, `writing ${part}`);
  if (err.code !== 'remote') return err;
  const free = await freeBytes(req.sftp, path.posix.dirname(part));
  const where = path.posix.dirname(part);
  if (free !== undefined && free < req.size)
    return permanent(
      'disk-full',
      `the SFTP server's disk is full in ${where} (${formatBytes(free)} free; the bundle needs ${formatBytes(req.size)}). ` +
        `Ask the vendor to free space, then run \`casepack outbox retry\`: the upload resumes where it stopped. The bundle is kept at ${req.localPath}.`,
    );
  return permanent(
    'disk-full',
    `the SFTP server refused to store more data in ${where} (the disk or your quota is probably full). ` +
      `Ask the vendor, then run \`casepack outbox retry\`. The bundle is kept at ${req.localPath}.`,
  );
}

export async function uploadResumable(req: UploadRequest): Promise<UploadResult> {
  const final = req.remotePath;
  const part = `${final}.part`;
  const existing = await stat(req.sftp, final);
  if (existing) {
    // A retry after the rename, or a name clash: only a byte-identical file counts as delivered.
    if (existing.size === req.size && (await remoteSha256(req, final, req.size)) === req.sha256) {
      req.onResume?.(req.size);
      return { remotePath: final, resumedFrom: req.size, bytesSent: 0, alreadyThere: true };
    }
    throw permanent(
      'remote',
      `a different file named ${final} already exists on the SFTP server; casepack does not overwrite it`,
    );
  }
  let offset = (await stat(req.sftp, part))?.size ?? 0;
  if (offset > req.size) {
    await unlink(req.sftp, part);
    offset = 0;
  }
  const free = await freeBytes(req.sftp, path.posix.dirname(final));
  if (free !== undefined && free < req.size - offset)
    throw permanent(
      'disk-full',
      `the SFTP server has only ${formatBytes(free)} free in ${path.posix.dirname(final)}; the bundle needs ${formatBytes(req.size - offset)} more. ` +
        `Ask the vendor to free space, then run \`casepack outbox retry\`. The bundle is kept at ${req.localPath}.`,
    );
  req.onResume?.(offset);
  const handle = await open(req.sftp, part, offset > 0 ? 'r+' : 'w');
  try {
    await writeFrom(req, handle, offset);
  } catch (e) {
    throw await explainWriteFailure(req, e, part);
  }
  await fsync(req.sftp, handle);
  await close(req.sftp, handle);
  const st = await stat(req.sftp, part);
  if (!st || st.size !== req.size)
    throw transient(
      'verify',
      `${part} has ${st?.size ?? 0} bytes on the server, expected ${req.size}`,
    );
  const got = await remoteSha256(req, part, req.size);
  if (got !== req.sha256) {
    // A damaged partial file (e.g. from another bundle): start over from zero on the retry.
    await unlink(req.sftp, part);
    throw transient(
      'verify',
      `the uploaded file's sha256 does not match the bundle's; it was removed and will be sent again`,
    );
  }
  await renameAtomic(req.sftp, part, final);
  return {
    remotePath: final,
    resumedFrom: offset,
    bytesSent: req.size - offset,
    alreadyThere: false,
  };
}
