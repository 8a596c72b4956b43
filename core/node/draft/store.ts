// The case the user is writing in the UI, kept in the data directory so that closing the window or
// reloading the page loses nothing. One draft per user; written atomically, readable by its owner only.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseDraft } from '../../common/api/app.js';
import { CasepackError } from '../../common/errors.js';

export function draftDir(dataDir: string): string {
  return path.join(dataDir, 'ui', 'draft');
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, file);
}

export async function readJson<T>(file: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new CasepackError(
      'io',
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`,
      file,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    // A damaged UI state file must not lock the user out: start again from the fallback.
    return fallback;
  }
}

export class DraftStore {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(draftDir(this.dataDir), 'case.json');
  }

  async get(): Promise<CaseDraft> {
    const d = await readJson<CaseDraft>(this.file, { case: {} });
    return d && typeof d.case === 'object' && d.case !== null ? d : { case: {} };
  }

  async save(c: Record<string, unknown>, bundle?: string): Promise<CaseDraft> {
    const d: CaseDraft = {
      case: c,
      ...(bundle ? { bundle } : {}),
      updatedAt: new Date().toISOString(),
    };
    await writeJsonAtomic(this.file, d);
    return d;
  }
}
