// The `folder-export` step (and the UI's "Export to folder"): the bundle, or its encrypted copy, on
// removable media or a share, with a `.sha256` file and a README for whoever carries it out of an
// air-gapped site. Written as `.partial`, flushed, read back and checked, then renamed.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Receipt } from '../../../common/api/submit.js';
import { bundleFacts, hashFile, type BundleFacts } from '../bundle-file.js';
import { permanent, transient } from '../errors.js';
import { writeFileAtomic } from '../job-store.js';
import { ProgressMeter } from '../progress.js';
import type { StepContext, StepOutcome } from '../step.js';
import { targetOf } from '../step.js';
import { encryptStream, readVendorKey, type VendorKey } from './pgp.js';
import { readmeText } from './readme.js';

export interface ExportRequest {
  bundle: BundleFacts;
  dir: string;
  encryptTo?: string;
  caseNumber?: string;
  onBytes?: (n: number) => void;
}

export interface ExportResult {
  file: string;
  path: string;
  size: number;
  sha256: string;
  encryptedTo?: string;
}

function ioError(e: unknown, where: string) {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return permanent(
      'disk-full',
      `${where} is full; free space on it (or use a larger medium) and export again`,
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return permanent(
      'permission',
      `cannot write to ${where} (${code === 'EROFS' ? 'read-only' : 'permission denied'})`,
    );
  if (code === 'ENOENT')
    return permanent('not-found', `${where} does not exist (is the medium mounted?)`);
  return transient('io', `writing to ${where} failed: ${(e as Error).message}`);
}

/** Copy or encrypt the bundle into `dir`, verify what was written, add .sha256 and README. */
export async function exportBundleTo(req: ExportRequest): Promise<ExportResult> {
  const key: VendorKey | undefined = req.encryptTo ? await readVendorKey(req.encryptTo) : undefined;
  const name = key ? `${req.bundle.name}.gpg` : req.bundle.name;
  const out = path.join(req.dir, name);
  try {
    await mkdir(req.dir, { recursive: true });
  } catch (e) {
    throw ioError(e, req.dir);
  }
  const existing = await stat(out).catch(() => undefined);
  if (
    existing &&
    !key &&
    existing.size === req.bundle.size &&
    (await hashFile(out)) === req.bundle.sha256
  )
    return finish(req, name, out, req.bundle.sha256, existing.size, key);
  if (existing)
    throw permanent(
      'remote',
      `${out} already exists and is a different file; casepack does not overwrite it`,
    );

  const partial = `${out}.partial`;
  const hash = createHash('sha256');
  let written = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      hash.update(chunk);
      written += chunk.length;
      cb(null, chunk);
    },
  });
  const source = key
    ? await encryptStream(req.bundle.path, req.bundle.name, key)
    : createReadStream(req.bundle.path, { highWaterMark: 1 << 20 });
  const counted = new Transform({
    transform(chunk: Buffer, _e, cb) {
      req.onBytes?.(chunk.length);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(source, counted, tap, createWriteStream(partial, { mode: 0o644 }));
    // Flush to the medium before anyone pulls the stick.
    const fh = await open(partial, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    await rm(partial, { force: true });
    throw ioError(e, req.dir);
  }
  const sha256 = hash.digest('hex');
  // Read back what the medium holds (a flaky stick fails here rather than at the vendor).
  if ((await hashFile(partial)) !== sha256 || (!key && sha256 !== req.bundle.sha256)) {
    await rm(partial, { force: true });
    throw transient(
      'verify',
      `the copy on ${req.dir} does not read back as written; it was removed`,
    );
  }
  await rename(partial, out);
  return finish(req, name, out, sha256, written, key);
}

async function finish(
  req: ExportRequest,
  name: string,
  out: string,
  sha256: string,
  size: number,
  key: VendorKey | undefined,
): Promise<ExportResult> {
  await writeFileAtomic(`${out}.sha256`, `${sha256}  ${name}\n`, 0o644);
  await writeFileAtomic(
    `${out}.README.txt`,
    readmeText({ name, size, sha256, bundle: req.bundle, caseNumber: req.caseNumber, key }),
    0o644,
  );
  return { file: name, path: out, size, sha256, ...(key ? { encryptedTo: key.fingerprint } : {}) };
}

function receiptOf(
  target: string,
  r: ExportResult,
  bundle: BundleFacts,
  jobId: string,
  caseNumber?: string,
): Receipt {
  return {
    target,
    targetType: 'folder',
    file: r.file,
    size: r.size,
    sha256: r.sha256,
    ...(caseNumber ? { caseNumber } : {}),
    location: r.path,
    verified: r.encryptedTo
      ? `written, flushed and read back; encrypted to OpenPGP key ${r.encryptedTo}`
      : 'written, flushed and read back: sha256 matches the bundle',
    at: new Date().toISOString(),
    jobId,
    bundle: bundle.name,
  };
}

export async function runFolderExport(ctx: StepContext): Promise<StepOutcome> {
  const t = targetOf(ctx.settings, ctx.step.target, 'folder');
  const b = ctx.job.bundle;
  const meter = new ProgressMeter(b.size, (s) => ctx.progress({ phase: 'export', ...s }));
  const r = await exportBundleTo({
    bundle: b,
    dir: t.path,
    ...(t.encryptTo ? { encryptTo: t.encryptTo } : {}),
    ...(ctx.job.caseNumber ? { caseNumber: ctx.job.caseNumber } : {}),
    onBytes: (n) => meter.add(n),
  });
  meter.finish();
  ctx.step.result = { path: r.path };
  return { receipts: [receiptOf(ctx.step.target, r, b, ctx.job.id, ctx.job.caseNumber)] };
}

/** The UI's "Export to folder" (no configured target): the same export, outside the outbox. */
export async function exportToFolder(a: {
  bundle: string;
  path: string;
  encryptTo?: string;
}): Promise<Receipt> {
  const bundle = await bundleFacts(a.bundle);
  const r = await exportBundleTo({
    bundle,
    dir: a.path,
    ...(a.encryptTo ? { encryptTo: a.encryptTo } : {}),
  });
  return receiptOf(`folder ${a.path}`, r, bundle, 'export');
}
