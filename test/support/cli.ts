// Run the real `casepack` command as a child process, the way users and CI do.
import { spawn, type SpawnOptions } from 'node:child_process';
import { binPath } from './paths.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  /** Run as another user (e.g. 'nobody') via runuser, for permission tests (CI runs as root). */
  asUser?: string;
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const env = { ...process.env, NO_COLOR: '1', ...opts.env };
  let cmd = process.execPath;
  let argv = [binPath, ...args];
  if (opts.asUser) {
    argv = ['-u', opts.asUser, '--', process.execPath, binPath, ...args];
    cmd = 'runuser';
  }
  const spawnOpts: SpawnOptions = { env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, spawnOpts);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin!.end(opts.input ?? '');
  });
}

/** Run and parse stdout as the one JSON object `--json` promises. */
export async function runCliJson<T = Record<string, unknown>>(
  args: string[],
  opts: CliOptions = {},
): Promise<CliResult & { json: T }> {
  const r = await runCli([...args, '--json'], opts);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not one JSON object (exit ${r.code}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`,
    );
  }
  return { ...r, json };
}
