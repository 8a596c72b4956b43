// Run one small command for the system report or a check and capture its output. argv only (never
// a shell), its own process group so a timeout kills everything it started, and a cap on output so a
// flooding command cannot grow memory.
import { spawn } from 'node:child_process';
import { formatTimeout } from './format.js';

export interface CaptureOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Bytes kept of stdout and of stderr each (default 1 MiB); the rest is read and dropped. */
  maxBytes?: number;
}

export interface CaptureResult {
  /** False when the program does not exist (ENOENT) or could not be started. */
  started: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** Why it could not start (e.g. "not found"). */
  error?: string;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function runCapture(argv: readonly string[], opts: CaptureOptions): Promise<CaptureResult> {
  const [cmd, ...args] = argv;
  const max = opts.maxBytes ?? 1024 * 1024;
  return new Promise((resolve) => {
    if (!cmd) {
      resolve(result(false, 'empty argv'));
      return;
    }
    if (opts.signal?.aborted) {
      resolve(result(false, 'cancelled'));
      return;
    }
    const child = spawn(cmd, args, {
      env: { ...(opts.env ?? process.env), LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let truncated = false;
    let timedOut = false;
    let done = false;
    child.stdout.on('data', (d: Buffer) => {
      if (outLen < max) out.push(d.subarray(0, max - outLen));
      if (outLen + d.length > max) truncated = true;
      outLen += d.length;
    });
    child.stderr.on('data', (d: Buffer) => {
      if (errLen < max) err.push(d.subarray(0, max - errLen));
      errLen += d.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, opts.timeoutMs);
    const onAbort = (): void => killGroup(child.pid);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (r: CaptureResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(result(false, e.code === 'ENOENT' ? 'not found' : e.message));
    });
    child.on('close', (code, signal) => {
      // The group may hold children that outlived the leader (a daemonising init script).
      if (timedOut || opts.signal?.aborted) killGroup(child.pid);
      finish({
        started: true,
        exitCode: code,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        truncated,
      });
    });
  });
}

function result(started: boolean, error: string): CaptureResult {
  return {
    started,
    exitCode: null,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: '',
    truncated: false,
    error,
  };
}

/** One line saying how a command ended, for notes and reasons. */
export function describeEnd(argv: readonly string[], r: CaptureResult, timeoutMs: number): string {
  const name = argv.join(' ');
  if (!r.started) return `${name}: ${r.error ?? 'could not start'}`;
  if (r.timedOut) return `${name}: timed out after ${formatTimeout(timeoutMs)}`;
  if (r.signal) return `${name}: killed by ${r.signal}`;
  const firstErr = r.stderr.trim().split('\n')[0];
  return `${name}: exit ${r.exitCode}${firstErr ? ` (${firstErr.slice(0, 200)})` : ''}`;
}
