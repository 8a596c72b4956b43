// A bundle on disk: `NAME.zip.partial` while it is written, renamed to `NAME.zip` only once it is
// complete and fsynced. Any failure of the file itself (full disk, read-only or unwritable directory)
// becomes one clear CasepackError and removes the partial file: no `.zip` is ever left half-written.
import { constants } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Manifest, ManifestItem } from '../../common/manifest/schema.js';
import { CasepackError } from '../../common/errors.js';
import type { BundleFinish, BundleWriter, EntryOptions, EntryResult } from './types.js';
import { bundleOutputError } from './output-error.js';
import { OutputError, ZipWriter, type ZipWriterOptions } from './zip-writer.js';

export const META_NAMES = { manifest: 'manifest.json', case: 'case.json', report: 'report.html' };

export interface OpenBundleOptions {
  /** Output directory (must exist). */
  dir: string;
  /** File name, `casepack-...zip` (see bundle-name.ts). A taken name gets a `-2`, `-3` ... suffix. */
  name: string;
  zip?: Omit<ZipWriterOptions, 'reservedNames'>;
}

export async function openBundle(opts: OpenBundleOptions): Promise<BundleWriter & BundleExtras> {
  const dir = path.resolve(opts.dir);
  try {
    if (!(await stat(dir)).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw bundleOutputError(e, dir);
  }
  const base = opts.name.replace(/\.zip$/i, '');
  for (let n = 1; ; n++) {
    const finalPath = path.join(dir, `${n === 1 ? base : `${base}-${n}`}.zip`);
    const partialPath = `${finalPath}.partial`;
    if (await exists(finalPath)) continue;
    let fh: FileHandle;
    try {
      // 0600: a bundle describes the server in detail; its owner decides whom to give it to.
      fh = await open(
        partialPath,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
        0o600,
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw bundleOutputError(e, dir);
    }
    return new DiskBundle(dir, fh, partialPath, finalPath, opts.zip ?? {});
  }
}

export interface BundleExtras {
  /** Entries written so far and bytes on disk (for progress). */
  readonly entryCount: number;
  readonly bytesWritten: number;
}

class DiskBundle implements BundleWriter, BundleExtras {
  private readonly zip: ZipWriter;
  private fatal: Promise<CasepackError> | undefined;
  private aborting: Promise<void> | undefined;
  private done = false;

  constructor(
    private readonly dir: string,
    private readonly fh: FileHandle,
    readonly partialPath: string,
    readonly finalPath: string,
    zipOpts: ZipWriterOptions,
  ) {
    this.zip = new ZipWriter(fh, { ...zipOpts, reservedNames: Object.values(META_NAMES) });
  }

  get entryCount(): number {
    return this.zip.entryCount;
  }

  get bytesWritten(): number {
    return this.zip.bytesWritten;
  }

  async addEntry(name: string, source: Readable, opts?: EntryOptions): Promise<EntryResult> {
    try {
      return await this.zip.addEntry(name, source, opts);
    } catch (e) {
      throw await this.outputFailure(e);
    }
  }

  async addBuffer(
    name: string,
    data: string | Uint8Array,
    opts?: EntryOptions,
  ): Promise<EntryResult> {
    try {
      return await this.zip.addBuffer(name, data, opts);
    } catch (e) {
      throw await this.outputFailure(e);
    }
  }

  async finish(f: BundleFinish): Promise<{ path: string; size: number; manifest: Manifest }> {
    if (this.fatal) throw await this.fatal;
    if (this.aborting) throw new CasepackError('cancelled', 'The bundle was cancelled.');
    if (this.done) throw new CasepackError('internal', 'The bundle was already finished.');
    this.done = true;
    try {
      const caseText = JSON.stringify(f.caseJson ?? {}, null, 2) + '\n';
      const caseEntry = await this.zip.addBuffer(META_NAMES.case, caseText, { reserved: true });
      const reportEntry = await this.zip.addBuffer(META_NAMES.report, f.reportHtml, {
        reserved: true,
      });
      const manifest = withMetaItems(f.manifest, [
        metaItem('case', caseEntry),
        metaItem('report', reportEntry),
      ]);
      await this.zip.addBuffer(META_NAMES.manifest, JSON.stringify(manifest, null, 2) + '\n', {
        reserved: true,
      });
      const { size } = await this.zip.finish();
      await this.fh.close();
      await rename(this.partialPath, this.finalPath);
      await syncDir(this.dir);
      return { path: this.finalPath, size, manifest };
    } catch (e) {
      const err =
        e instanceof OutputError ? bundleOutputError(e.cause, this.dir, this.bytesWritten) : e;
      await this.abort(err instanceof Error ? err : undefined);
      throw err;
    }
  }

  abort(reason?: Error): Promise<void> {
    this.aborting ??= (async () => {
      this.zip.cancel(reason);
      await this.zip.settled();
      await this.fh.close().catch(() => undefined);
      await unlink(this.partialPath).catch(() => undefined);
    })();
    return this.aborting;
  }

  /** A failed write of the bundle file ends the bundle; an entry's own source error passes through. */
  private async outputFailure(e: unknown): Promise<unknown> {
    if (!(e instanceof OutputError)) return e;
    this.fatal ??= (async () => {
      const err = bundleOutputError(e.cause, this.dir, this.bytesWritten);
      await this.abort(err);
      return err;
    })();
    return this.fatal;
  }
}

function metaItem(id: 'case' | 'report', e: EntryResult): ManifestItem {
  return {
    id: `meta:${id}`,
    type: 'meta',
    source: 'casepack',
    path: e.name,
    size: e.size,
    compressedSize: e.compressedSize,
    sha256: e.sha256,
    status: 'collected',
  };
}

/** The manifest with the meta items appended (and the summary counting them), not changed in place. */
function withMetaItems(m: Manifest, items: ManifestItem[]): Manifest {
  const out: Manifest = { ...m, items: [...m.items, ...items] };
  if (m.summary)
    out.summary = {
      ...m.summary,
      collected: m.summary.collected + items.length,
      bytes: m.summary.bytes + items.reduce((n, i) => n + (i.size ?? 0), 0),
    };
  return out;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Make the rename durable (best effort: not every platform can open a directory). */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    await d.sync().finally(() => d.close());
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic.
  }
}
