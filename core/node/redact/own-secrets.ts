// What casepack must never collect about itself: its data directory (site key, pseudonym mapping,
// outbox) and the secret files its settings refer to are forbidden paths of every collection; the
// values behind the settings' secret references and the site key are removed wherever they show up
// (command output, environment dumps), and the leak check looks for them.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Settings } from '../../common/settings/schema.js';
import type { SecretRef } from '../../common/settings/secret-ref.js';
import { SITE_KEY_FILE } from './site-key.js';

/** Every `{ env }` / `{ file }` / `{ keychain }` reference anywhere in the settings. */
export function secretRefs(value: unknown, out: SecretRef[] = []): SecretRef[] {
  if (Array.isArray(value)) for (const v of value) secretRefs(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    const k = keys[0];
    if (
      keys.length === 1 &&
      (k === 'env' || k === 'file' || k === 'keychain') &&
      typeof o[k] === 'string'
    )
      out.push(o as SecretRef);
    else for (const v of Object.values(o)) secretRefs(v, out);
  }
  return out;
}

const globEscape = (p: string): string => p.replace(/[*?[\]{}()!+@\\]/g, '\\$&');

/** Forbid globs for the data directory and the settings' secret files (and their real paths). */
export async function privatePaths(settings: Settings, dataDir: string): Promise<string[]> {
  const files = secretRefs(settings).flatMap((r) => ('file' in r ? [path.resolve(r.file)] : []));
  const dirs = [path.resolve(dataDir)];
  const real = async (p: string) => realpath(p).catch(() => p);
  const out = new Set<string>();
  for (const d of [...dirs, ...(await Promise.all(dirs.map(real)))]) {
    out.add(globEscape(d));
    out.add(`${globEscape(d)}/**`);
  }
  for (const f of [...files, ...(await Promise.all(files.map(real)))]) out.add(globEscape(f));
  return [...out];
}

const MAX_SECRET_FILE = 64 * 1024;

/**
 * The values behind the settings' env and file references, and the site key if there is one, in
 * the redactor's latin1 form. Read only to remove them; never logged. Unreadable ones are skipped.
 */
export async function ownSecretValues(
  settings: Settings,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const values: string[] = [];
  const readSmall = async (file: string): Promise<string | undefined> => {
    try {
      const b = await readFile(file);
      return b.length <= MAX_SECRET_FILE ? b.toString('utf8').replace(/\r?\n$/, '') : undefined;
    } catch {
      return undefined;
    }
  };
  for (const ref of secretRefs(settings)) {
    const v = 'env' in ref ? env[ref.env] : 'file' in ref ? await readSmall(ref.file) : undefined;
    if (v) values.push(v);
  }
  const key = await readSmall(path.join(dataDir, SITE_KEY_FILE));
  if (key) values.push(key.trim());
  // A multi-line secret (a key file) is matched line by line; PEM armour lines are not secret.
  return values
    .flatMap((v) => v.split(/\r?\n/))
    .map((v) => v.trim())
    .filter((v) => v.length > 0 && !v.startsWith('-----'))
    .map((v) => Buffer.from(v, 'utf8').toString('latin1'));
}
