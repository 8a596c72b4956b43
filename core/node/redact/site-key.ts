// The site key: 32 random bytes in the data directory (mode 0600) under which every pseudonym is
// derived. It never leaves the host: not in a bundle, a log or an error message.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CasepackError } from '../../common/errors.js';
import type { Prf } from '../../common/redact/pseudonym-ip.js';

export const SITE_KEY_FILE = 'site.key';

/** Read the site key, creating it (0600, directory 0700) when missing. */
export async function loadSiteKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, SITE_KEY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new CasepackError(
        'permission',
        `cannot read the site key ${file} (${code}); pseudonyms need it. Give it back to the user who runs casepack (chmod 600), or move it away to start a new key (earlier pseudonyms will then no longer match)`,
        file,
      );
    const key = randomBytes(32);
    try {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (w) {
      const wc = (w as NodeJS.ErrnoException).code;
      if (wc === 'EEXIST') return loadSiteKey(dataDir); // created meanwhile by another run
      throw new CasepackError('permission', `cannot create the site key ${file} (${wc})`, file);
    }
    return key;
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new CasepackError(
      'config',
      `the site key ${file} is damaged (expected 64 hex digits); move it away to start a new key`,
      file,
    );
  return Buffer.from(hex, 'hex');
}

/** HMAC-SHA256 under the key, as the pseudonyms' pseudo-random function. */
export function hmacPrf(key: Buffer): Prf {
  return (data) => createHmac('sha256', key).update(data).digest();
}
