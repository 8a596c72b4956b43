// `casepack scrub IN_DIR --out OUT_DIR`: a redacted copy of every regular file under IN_DIR at the
// same relative path, through the same session a collection uses. Each file is written as
// `NAME.casepack-partial` and renamed when complete, so a failure never leaves half a file.
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CasepackError } from '../../common/errors.js';
import type { FullRedactionSession } from './session.js';

export interface ScrubResult {
  files: number;
  bytesIn: number;
  bytesOut: number;
  counts: Record<string, number>;
  /** Files whose content was copied untouched (binary). */
  skipped: Array<{ path: string; reason: string }>;
  /** Entries that could not be read or written (the rest went on). */
  failed: Array<{ path: string; error: string }>;
  /** Symlinks, sockets, devices: not regular files, not copied. */
  ignored: Array<{ path: string; type: string }>;
  perFile: Array<{ path: string; counts: Record<string, number> }>;
}

export async function scrubDirectory(
  inDir: string,
  outDir: string,
  session: FullRedactionSession,
): Promise<ScrubResult> {
  const src = path.resolve(inDir);
  const dst = path.resolve(outDir);
  const st = await lstat(src).catch(() => undefined);
  if (!st?.isDirectory())
    throw new CasepackError('not-found', `${inDir} is not a directory`, inDir);
  if (dst === src || dst.startsWith(src + path.sep))
    throw new CasepackError('usage', `--out must be outside ${inDir}`, outDir);
  const res: ScrubResult = {
    files: 0,
    bytesIn: 0,
    bytesOut: 0,
    counts: {},
    skipped: [],
    failed: [],
    ignored: [],
    perFile: [],
  };
  await mkdir(dst, { recursive: true });
  await walk(src, '', async (rel, kind) => {
    if (kind !== 'file') {
      res.ignored.push({ path: rel, type: kind });
      return;
    }
    const from = path.join(src, rel);
    const to = path.join(dst, rel);
    const tmp = `${to}.casepack-partial`;
    try {
      await mkdir(path.dirname(to), { recursive: true });
      const t = session.stream({ id: rel, source: from });
      let inBytes = 0;
      let outBytes = 0;
      const input = createReadStream(from);
      input.on('data', (c) => (inBytes += c.length));
      t.on('data', (c: Buffer) => (outBytes += c.length));
      await pipeline(input, t, createWriteStream(tmp, { mode: 0o600 }));
      await rename(tmp, to);
      const r = t.result();
      res.files++;
      res.bytesIn += inBytes;
      res.bytesOut += outBytes;
      if (r.skipped) res.skipped.push({ path: rel, reason: r.skipped });
      if (Object.keys(r.counts).length > 0) res.perFile.push({ path: rel, counts: r.counts });
      for (const [k, v] of Object.entries(r.counts)) res.counts[k] = (res.counts[k] ?? 0) + v;
    } catch (e) {
      await rm(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      res.failed.push({
        path: rel,
        error: code ? `${code}: cannot read or write` : (e as Error).message,
      });
    }
  });
  return res;
}

type Kind = 'file' | 'symlink' | 'socket' | 'fifo' | 'device' | 'other';

async function walk(
  root: string,
  rel: string,
  visit: (rel: string, kind: Kind) => Promise<void>,
): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const r = rel ? path.join(rel, e.name) : e.name;
    if (e.isDirectory()) await walk(root, r, visit);
    else if (e.isFile()) await visit(r, 'file');
    else
      await visit(
        r,
        e.isSymbolicLink()
          ? 'symlink'
          : e.isSocket()
            ? 'socket'
            : e.isFIFO()
              ? 'fifo'
              : e.isBlockDevice() || e.isCharacterDevice()
                ? 'device'
                : 'other',
      );
  }
}
