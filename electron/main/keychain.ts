// The desktop app's own credentials (settings reference them as { keychain: NAME }): encrypted with
// Electron's safeStorage (the OS keychain or libsecret) into one file in the data directory. The CLI
// cannot read them, by design; headless use keeps env/file references.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { AppSecrets } from '../../core/common/api/secrets.js';
import { CasepackError } from '../../core/common/errors.js';
import { writeJsonAtomic } from '../../core/node/draft/store.js';

export class AppKeychain {
  private readonly file: string;
  constructor(
    private readonly safe: SafeStorage,
    dataDir: string,
  ) {
    this.file = path.join(dataDir, 'app-secrets.json');
  }

  private async all(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  async names(): Promise<string[]> {
    return Object.keys(await this.all()).sort();
  }

  async get(name: string): Promise<string | undefined> {
    const enc = (await this.all())[name];
    return enc === undefined ? undefined : this.safe.decryptString(Buffer.from(enc, 'base64'));
  }

  async set(name: string, value: string | undefined): Promise<void> {
    if (value !== undefined && !this.safe.isEncryptionAvailable())
      throw new CasepackError(
        'permission',
        'this desktop has no secure storage (keychain); use an environment variable or a 0600 file instead',
      );
    const all = await this.all();
    if (value === undefined) delete all[name];
    else all[name] = this.safe.encryptString(value).toString('base64');
    await writeJsonAtomic(this.file, all);
  }
}

/** The secure-storage methods of the API, in the desktop app. */
export function keychainHandlers(keychain: AppKeychain, safe: SafeStorage) {
  const list = async (): Promise<AppSecrets> =>
    safe.isEncryptionAvailable()
      ? { available: true, names: await keychain.names() }
      : {
          available: false,
          reason:
            'this desktop offers no secure storage (no keychain or secret service is running); use an environment variable or a 0600 file instead',
          names: await keychain.names(),
        };
  return {
    listAppSecrets: list,
    async setAppSecret({ name, value }: { name: string; value: string }) {
      await keychain.set(name, value);
      return list();
    },
    async deleteAppSecret({ name }: { name: string }) {
      await keychain.set(name, undefined);
      return list();
    },
  };
}
