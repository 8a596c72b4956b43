// Running one command of a profile: an argv array, never a shell string; in its own process group
// so that at its timeout the whole group (grandchildren too) gets TERM, then KILL; stdout and
// stderr merged in arrival order (`java -version` writes to stderr) and held in memory up to
// maxBytes, so a zip entry waiting its turn can never stall the command.
import { spawn } from 'node:child_process';

export interface CommandSpecToRun {
  argv: string[];
  cwd?: string | undefined;
  env?: Record<string, string> | undefined;
  timeoutMs: number;
  maxBytes: number;
}

export interface CommandOutcome {
  output: Buffer;
  /** Output went past maxBytes: the first maxBytes were kept and the command was stopped. */
  truncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The program could not be started: 'not-found', 'permission' or a message. */
  startError?: { kind: 'not-found' | 'permission' | 'other'; message: string };
  /** Processes of its group still held the output open after it exited; they were killed. */
  strays: boolean;
  durationMs: number;
}

/** After TERM, how long the group has before KILL; after exit, how long stragglers may hold stdout. */
export const KILL_GRACE_MS = 2000;

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is gone already.
  }
}

export function runCommand(spec: CommandSpecToRun, signal?: AbortSignal): Promise<CommandOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let timedOut = false;
    let cancelled = false;
    let strays = false;
    let settled = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const timers: NodeJS.Timeout[] = [];

    const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: killed as a whole
      windowsHide: true,
    });

    const finish = (startError?: CommandOutcome['startError']) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        output: Buffer.concat(chunks),
        truncated,
        timedOut,
        cancelled,
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        ...(startError ? { startError } : {}),
        strays,
        durationMs: Date.now() - started,
      });
    };

    /** TERM to the whole group, KILL after a grace period if anything is left. */
    const stop = () => {
      if (child.pid === undefined) return;
      const pid = child.pid;
      killGroup(pid, 'SIGTERM');
      timers.push(
        setTimeout(() => {
          killGroup(pid, 'SIGKILL');
          // If even KILL did not free the output (a process that left the group holds it), give up on it.
          timers.push(setTimeout(() => finish(), KILL_GRACE_MS));
        }, KILL_GRACE_MS),
      );
    };

    const onData = (d: Buffer) => {
      if (truncated) return;
      const room = spec.maxBytes - bytes;
      if (d.length > room) {
        if (room > 0) chunks.push(d.subarray(0, room));
        bytes = spec.maxBytes;
        truncated = true;
        stop();
        return;
      }
      chunks.push(d);
      bytes += d.length;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);

    const onAbort = () => {
      cancelled = true;
      stop();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });

    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, spec.timeoutMs),
    );

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // errors after start surface as exit/close
      const kind = e.code === 'ENOENT' ? 'not-found' : e.code === 'EACCES' ? 'permission' : 'other';
      finish({ kind, message: e.message });
    });
    child.on('exit', (code, sig) => {
      exit = { code, signal: sig };
      // Something in its group may still hold the output open (a daemonised child): wait briefly.
      timers.push(
        setTimeout(() => {
          strays = true;
          if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
          timers.push(setTimeout(() => finish(), KILL_GRACE_MS));
        }, KILL_GRACE_MS),
      );
    });
    child.on('close', () => finish());
  });
}
