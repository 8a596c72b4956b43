// Running a capture tool: argv only (no shell), a timeout, and a cap on what it may print.
import { spawn } from 'node:child_process';
import { CasepackError } from '../../common/errors.js';

export async function runTool(
  argv: string[],
  opts: { timeoutMs?: number; maxBytes?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let err = '';
    let failed: CasepackError | undefined;
    const timer = setTimeout(() => {
      failed = new CasepackError('timeout', `${argv[0]} did not finish in time`);
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 15_000);
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > maxBytes) {
        failed = new CasepackError('io', `${argv[0]} produced more than ${maxBytes} bytes`);
        child.kill('SIGKILL');
      } else chunks.push(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (err.length < 2000) err += d;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new CasepackError(
          e.code === 'ENOENT' ? 'not-found' : 'io',
          `cannot run ${argv[0]}: ${e.code ?? e.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failed) return reject(failed);
      if (code !== 0)
        return reject(
          new CasepackError(
            'io',
            `${argv[0]} failed (exit ${code}): ${err.trim().split('\n')[0] ?? ''}`,
          ),
        );
      resolve(Buffer.concat(chunks));
    });
  });
}
