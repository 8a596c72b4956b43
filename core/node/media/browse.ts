// Listing a host folder for the UI's folder and file pickers, inside the allowed folders only.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DirListing } from '../../common/api/media.js';
import { CasepackError } from '../../common/errors.js';
import { inside, type PathPolicy } from '../access/path-policy.js';

const MAX_ENTRIES = 2000;

export async function browse(
  policy: PathPolicy,
  p: string | undefined,
  home: string,
  dirsOnly: boolean,
): Promise<DirListing> {
  const start = p ?? (policy.roots.some((r) => inside(r, home)) ? home : policy.roots[0]);
  if (!start) throw new CasepackError('permission', 'no folder may be browsed (ui.allowedPaths)');
  const dir = await policy.directory(start);
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new CasepackError(
      'permission',
      `cannot list ${dir} (${(e as NodeJS.ErrnoException).code})`,
    );
  }
  const entries: DirListing['entries'] = [];
  for (const d of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entries.length >= MAX_ENTRIES) break;
    const full = path.join(dir, d.name);
    let isDir = d.isDirectory();
    let size: number | undefined;
    if (d.isSymbolicLink() || d.isFile()) {
      try {
        const st = await stat(full);
        isDir = st.isDirectory();
        if (st.isFile()) size = st.size;
        else if (!isDir) continue;
      } catch {
        continue; // a dangling link is not something to pick
      }
    } else if (!isDir) continue; // sockets, FIFOs, devices: never offered
    if (dirsOnly && !isDir) continue;
    entries.push({
      name: d.name,
      path: full,
      type: isDir ? 'dir' : 'file',
      ...(size !== undefined ? { size } : {}),
    });
  }
  entries.sort((a, b) => (a.type === b.type ? 0 : a.type === 'dir' ? -1 : 1));
  const parent = path.dirname(dir);
  const parentAllowed = parent !== dir && policy.roots.some((r) => inside(r, parent));
  return { path: dir, ...(parentAllowed ? { parent } : {}), entries, roots: policy.roots };
}
