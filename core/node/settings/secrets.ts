// Resolving a secret reference to its value at the moment it is needed. The value is never logged,
// never put into an error message, and never written anywhere by casepack.
import { stat, readFile } from 'node:fs/promises';
import { CasepackError } from '../../common/errors.js';
import { describeSecretRef, type SecretRef } from '../../common/settings/secret-ref.js';

export async function resolveSecret(
  ref: SecretRef,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if ('env' in ref) {
    const v = env[ref.env];
    if (v === undefined || v === '')
      throw new CasepackError('auth', `the ${describeSecretRef(ref)} is not set`);
    return v;
  }
  if ('file' in ref) {
    let st;
    try {
      st = await stat(ref.file);
    } catch (e) {
      throw new CasepackError(
        'auth',
        `cannot read the ${describeSecretRef(ref)}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      throw new CasepackError(
        'auth',
        `the ${describeSecretRef(ref)} is readable by others (mode ${(st.mode & 0o777).toString(8)}); run: chmod 600 ${ref.file}`,
      );
    const v = (await readFile(ref.file, 'utf8')).replace(/\r?\n$/, '');
    if (!v) throw new CasepackError('auth', `the ${describeSecretRef(ref)} is empty`);
    return v;
  }
  throw new CasepackError(
    'auth',
    `the ${describeSecretRef(ref)} is only available inside the desktop app`,
  );
}
