// One configuration file read through the redaction session: the sha256 of the redacted bytes and,
// when the file is text and small enough to diff, the redacted text itself. Unredacted bytes never
// leave this function; memory is bounded by `keepUpTo`.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RedactionSession } from '../redact/types.js';

/** Text beyond this is compared by checksum only (a diff of it would not be read anyway). */
export const DIFF_CAP = 2 * 1024 * 1024;

export type ReadRedacted =
  | {
      ok: true;
      sha256: string;
      size: number;
      mtime: string;
      binary: boolean;
      /** The redacted text, when not binary and within the cap. */
      text?: string;
      counts: Record<string, number>;
    }
  | { ok: false; code: string; reason: string };

function reasonOf(e: unknown): { code: string; reason: string } {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  const reason =
    code === 'ENOENT'
      ? 'deleted (no such file)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'not readable (permission denied)'
        : code === 'ENXIO'
          ? 'not a regular file'
          : `cannot read (${code})`;
  return { code, reason };
}

export async function readRedacted(
  file: string,
  session: RedactionSession,
  opts: { id: string; keepUpTo?: number; maxBytes?: number },
): Promise<ReadRedacted> {
  const cap = Math.min(opts.keepUpTo ?? DIFF_CAP, opts.maxBytes ?? Number.POSITIVE_INFINITY);
  let fh;
  try {
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return { ok: false, ...reasonOf(e) };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, code: 'ENXIO', reason: 'not a regular file' };
    const head = Buffer.alloc(Math.min(8192, st.size));
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const binary = head.subarray(0, bytesRead).includes(0);
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        total += chunk.length;
        if (!binary && kept <= cap) {
          chunks.push(chunk);
          kept += chunk.length;
        }
        cb();
      },
    });
    const redact = session.stream({ id: opts.id, source: file, kind: 'config' });
    // Only the size at open: a file being written must not make the read endless.
    const src =
      st.size === 0
        ? Readable.from([])
        : fh.createReadStream({ start: 0, end: st.size - 1, autoClose: false });
    await pipeline(src, redact, sink);
    const result = redact.result();
    const out: ReadRedacted = {
      ok: true,
      sha256: hash.digest('hex'),
      size: total,
      mtime: st.mtime.toISOString(),
      binary: binary || result.skipped === 'binary',
      counts: result.counts,
    };
    if (!out.binary && kept <= cap) out.text = Buffer.concat(chunks).toString('utf8');
    return out;
  } catch (e) {
    return { ok: false, ...reasonOf(e) };
  } finally {
    await fh.close();
  }
}
