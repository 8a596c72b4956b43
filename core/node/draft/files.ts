// Screenshots and attachments the user added to the case. Screenshots are stored (after the user
// blacked out what must not leave); attachments are references to host files, read when the
// bundle is built. The index lives beside the case draft in the data directory.
import { randomUUID } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DraftFile } from '../../common/api/media.js';
import { CasepackError } from '../../common/errors.js';
import { IMAGE_EXT, imageMime } from '../media/image-bytes.js';
import { draftDir, readJson, writeJsonAtomic } from './store.js';

/** A name safe as a zip entry and file name, keeping what the user can recognise. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^\.+/, '')
    .trim();
  return cleaned.slice(0, 120) || 'file';
}

export class DraftFiles {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(draftDir(dataDir), 'files');
  }

  private get indexFile(): string {
    return path.join(this.dir, 'index.json');
  }

  async list(): Promise<DraftFile[]> {
    const l = await readJson<DraftFile[]>(this.indexFile, []);
    return Array.isArray(l) ? l : [];
  }

  /** Where a stored screenshot's bytes are. */
  storedPath(f: DraftFile): string {
    return path.join(this.dir, `${f.id}${path.extname(f.name)}`);
  }

  async addImage(name: string, base64: string): Promise<DraftFile> {
    const bytes = Buffer.from(base64, 'base64');
    const mime = imageMime(bytes);
    if (!mime) throw new CasepackError('usage', `${name} is not a PNG, JPEG, GIF or WebP image`);
    const ext = IMAGE_EXT[mime];
    const stem = safeName(name).replace(/\.(png|jpe?g|gif|webp)$/i, '');
    const f: DraftFile = {
      id: randomUUID(),
      kind: 'screenshot',
      name: `${stem}${ext}`,
      size: bytes.length,
      addedAt: new Date().toISOString(),
    };
    await writeJsonAtomic(this.indexFile, await this.list()); // creates the folder (0700)
    await writeFile(this.storedPath(f), bytes, { mode: 0o600 });
    await writeJsonAtomic(this.indexFile, [...(await this.list()), f]);
    return f;
  }

  /** `real` has passed the path policy. */
  async addAttachment(real: string): Promise<DraftFile> {
    const st = await stat(real);
    const list = await this.list();
    const f: DraftFile = {
      id: randomUUID(),
      kind: 'attachment',
      name: safeName(path.basename(real)),
      size: st.size,
      source: real,
      addedAt: new Date().toISOString(),
    };
    await writeJsonAtomic(this.indexFile, [...list, f]);
    return f;
  }

  async remove(id: string): Promise<DraftFile[]> {
    const list = await this.list();
    const f = list.find((x) => x.id === id);
    if (!f) throw new CasepackError('not-found', 'that file is no longer part of the case');
    if (f.kind === 'screenshot') await rm(this.storedPath(f), { force: true });
    const rest = list.filter((x) => x.id !== id);
    await writeJsonAtomic(this.indexFile, rest);
    return rest;
  }

  async readImage(id: string): Promise<{ mime: string; base64: string }> {
    const f = (await this.list()).find((x) => x.id === id && x.kind === 'screenshot');
    if (!f) throw new CasepackError('not-found', 'no such screenshot in the case');
    const bytes = await readFile(this.storedPath(f));
    return {
      mime: imageMime(bytes) ?? 'application/octet-stream',
      base64: bytes.toString('base64'),
    };
  }
}
