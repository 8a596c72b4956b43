// Runs one command under GNU time (Debian package `time`) and reads back wall time, CPU time (user +
// system of the command and every child it waited for) and peak RSS (of the largest process in the
// tree: for a pipeline, its biggest member).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface Sample {
  wall_s: number;
  cpu_s: number;
  max_rss_mb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** CPU seconds of the measured process's main thread (sampled; only with `threads`). */
  main_thread_cpu_s?: number;
}

export interface RunSpec {
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Sample the CPU time of each thread of the command (Linux): the main thread is Node's serial part. */
  threads?: boolean;
}

const TICK_S = 0.01; // USER_HZ: /proc's CPU times are in 1/100 s on Linux.

/** The process GNU time started, and cumulative CPU ticks per thread, sampled until it ends. */
class ThreadSampler {
  private readonly ticks = new Map<number, number>();
  private pid: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly timePid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    try {
      this.pid ??=
        Number(
          readFileSync(`/proc/${this.timePid}/task/${this.timePid}/children`, 'utf8')
            .trim()
            .split(' ')[0],
        ) || undefined;
      if (!this.pid) return;
      for (const tid of readdirSync(`/proc/${this.pid}/task`)) {
        const stat = readFileSync(`/proc/${this.pid}/task/${tid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        this.ticks.set(Number(tid), Number(f[11]) + Number(f[12]));
      }
    } catch {
      // The process or a thread ended between the listing and the read.
    }
  }

  stop(): number | undefined {
    clearInterval(this.timer);
    return this.pid === undefined ? undefined : (this.ticks.get(this.pid) ?? 0) * TICK_S;
  }
}

export function haveGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export async function measure(spec: RunSpec, scratch: string): Promise<Sample> {
  const timeFile = path.join(scratch, `time-${process.pid}-${Date.now()}.txt`);
  const argv = [GNU_TIME, '-f', '%e %U %S %M', '-o', timeFile, '--', ...spec.argv];
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let sampler: ThreadSampler | undefined;
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    if (spec.threads && process.platform === 'linux' && child.pid)
      sampler = new ThreadSampler(child.pid);
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const mainCpu = sampler?.stop();
  const text = (await readFile(timeFile, 'utf8')).trim().split('\n').pop() ?? '';
  await rm(timeFile, { force: true });
  const [e, u, s, m] = text.split(/\s+/).map(Number);
  if ([e, u, s, m].some((x) => x === undefined || Number.isNaN(x)))
    throw new Error(`could not read GNU time's output: ${JSON.stringify(text)}`);
  return {
    wall_s: e!,
    cpu_s: u! + s!,
    max_rss_mb: m! / 1024,
    exitCode,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    ...(mainCpu !== undefined ? { main_thread_cpu_s: mainCpu } : {}),
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
