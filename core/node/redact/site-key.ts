// The site key: 32 random bytes in the data directory (mode 0600) under which every pseudonym is
// derived. It never leaves the host: not in a bundle, a log or an error message.
import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CasepackError } from '../../common/errors.js';
import type { Prf, PseudonymKeys } from '../../common/redact/pseudonym-ip.js';

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
  return parseSiteKey(text, file);
}

function parseSiteKey(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new CasepackError(
      'config',
      `the site key ${file} is damaged (expected 64 hex digits); move it away to start a new key`,
      file,
    );
  return Buffer.from(hex, 'hex');
}

/** The site key when there is one (for lookup, which must not create a key); else undefined. */
export async function readSiteKey(dataDir: string): Promise<Buffer | undefined> {
  const file = path.join(dataDir, SITE_KEY_FILE);
  try {
    return parseSiteKey(await readFile(file, 'utf8'), file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (e instanceof CasepackError) throw e;
    throw new CasepackError('permission', `cannot read the site key ${file} (${code})`, file);
  }
}

/** HMAC-SHA256 under the key, as the pseudonyms' pseudo-random function. */
export function hmacPrf(key: Uint8Array): Prf {
  return (data) => createHmac('sha256', key).update(data).digest();
}

// Labels of the keys derived for IP pseudonyms (HKDF-SHA256). Changing one changes every IP
// pseudonym: `casepack pseudonyms lookup` could then no longer map old ones back.
const IP_KEY_LABEL = 'casepack ip-pseudonyms aes-128 key v1';
const IP_PAD_LABEL = 'casepack ip-pseudonyms crypto-pan pad v1';

const derive = (siteKey: Uint8Array, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', siteKey, 'casepack', label, 16));

/**
 * Every keyed function pseudonyms need, from the site key's bytes alone (so a worker thread can
 * build its own from the 32 bytes it is given): HMAC for tokens, and one AES-128-ECB cipher
 * object and pad for the IPs' Crypto-PAn (ECB keeps no state between calls, so one object
 * serves every address).
 */
export function pseudonymKeys(siteKey: Uint8Array): PseudonymKeys {
  const cipher = createCipheriv('aes-128-ecb', derive(siteKey, IP_KEY_LABEL), null);
  cipher.setAutoPadding(false);
  return {
    prf: hmacPrf(siteKey),
    ipEncrypt: (blocks) => cipher.update(blocks),
    ipPad: derive(siteKey, IP_PAD_LABEL),
  };
}
