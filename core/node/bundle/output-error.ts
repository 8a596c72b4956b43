// File system failures of the bundle file, told the way the person running casepack can act on them.
import { CasepackError } from '../../common/errors.js';

export function bundleOutputError(e: unknown, dir: string, bytesWritten = 0): CasepackError {
  if (e instanceof CasepackError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const removed = 'No bundle was written.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CasepackError(
        'disk-full',
        `The disk holding ${dir} is full${bytesWritten > 0 ? ` (after writing ${mib(bytesWritten)})` : ''}. ${removed} Free some space there or choose another output directory.`,
        dir,
      );
    case 'EACCES':
    case 'EPERM':
      return new CasepackError(
        'permission',
        `Cannot write to ${dir}: permission denied. ${removed} Choose an output directory you can write to.`,
        dir,
      );
    case 'EROFS':
      return new CasepackError(
        'permission',
        `Cannot write to ${dir}: the file system is read-only. ${removed} Choose an output directory on a writable disk.`,
        dir,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new CasepackError(
        'not-found',
        `The output directory ${dir} does not exist. ${removed} Create it or choose another one.`,
        dir,
      );
    default:
      return new CasepackError(
        'io',
        `Writing the bundle in ${dir} failed (${code || 'error'}: ${err?.message ?? String(e)}). ${removed}`,
        dir,
      );
  }
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}
