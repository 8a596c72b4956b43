// systeminformation, run in worker threads. Many of its Linux paths call execSync (nmcli, ip,
// dmidecode, hostname -f), which would block casepack's event loop: a stuck one would stop every
// timer, and with it every section's timeout. In a worker, a stuck call only stalls that worker;
// the section times out on the main thread and the worker is terminated.
//
// Each worker is a V8 isolate of about 13 MB, so the report shares a small pool (two) instead of
// one worker per section (which peaked at five, 60 MB). What one worker per section bought is kept:
// a section runs one call at a time, so one section cannot take the whole pool; a call that has
// waited STALL_MS for a worker (the others held by calls that look stuck, or very slow on a loaded
// host) gets one of its own, so it never queues until the section times out (as it did behind a
// single shared worker); and a section that ends terminates the worker running its call.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type * as Si from 'systeminformation';
import { CasepackError } from '../../common/errors.js';

type SiModule = typeof Si;
/** The systeminformation functions a section may call (async ones only). */
export type SiFunction =
  | 'cpu'
  | 'mem'
  | 'fsSize'
  | 'blockDevices'
  | 'system'
  | 'bios'
  | 'baseboard'
  | 'chassis'
  | 'networkInterfaces';
type SiResult<F extends SiFunction> = Awaited<ReturnType<SiModule[F]>>;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const si = require(workerData.siPath);
parentPort.on('message', async (m) => {
  try {
    const value = await si[m.fn]();
    parentPort.postMessage({ id: m.id, ok: true, value });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, error: String((e && e.message) || e) });
  }
});`;

const siPath = createRequire(import.meta.url).resolve('systeminformation');

/** Workers kept for the report's calls. */
const POOL_SIZE = 2;
/** How long a call waits for a free worker before it gets a worker of its own. */
const STALL_MS = 2_000;

export interface SiClient {
  call<F extends SiFunction>(fn: F): Promise<SiResult<F>>;
}

type Reply = { id: number; ok: boolean; value?: unknown; error?: string };

/** One worker thread running systeminformation, one call at a time; spawned when created. */
class SiWorker {
  private readonly worker: Worker;
  private nextId = 0;
  private pending: { id: number; resolve(v: unknown): void; reject(e: Error): void } | undefined;
  dead = false;

  constructor(
    env: NodeJS.ProcessEnv,
    private readonly onDeath: (w: SiWorker) => void,
  ) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { siPath },
      // The environment the report describes: systeminformation's commands see the same PATH as
      // the sections' own commands.
      env,
      // Plain JavaScript: no loader flags of the parent (tsx, vitest) in the worker.
      execArgv: [],
    });
    // Never let a stuck worker keep casepack alive.
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.pending = undefined;
      if (m.ok) p.resolve(m.value);
      else p.reject(new CasepackError('io', `systeminformation: ${m.error ?? 'failed'}`));
    });
    this.worker.on('error', (e) =>
      this.terminate(new CasepackError('internal', `systeminformation worker: ${e.message}`)),
    );
    this.worker.on('exit', () =>
      this.terminate(new CasepackError('internal', 'systeminformation worker exited')),
    );
  }

  call(fn: SiFunction): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.worker.postMessage({ id, fn });
    });
  }

  /** Stop: a call may be stuck in execSync, so the thread is terminated, not asked. */
  terminate(reason: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.pending?.reject(reason);
    this.pending = undefined;
    void this.worker.terminate();
    this.onDeath(this);
  }
}

interface Job {
  fn: SiFunction;
  section: SectionCalls;
  resolve(v: unknown): void;
  reject(e: Error): void;
  stall?: NodeJS.Timeout;
}

/** One section's calls: the one running (and its worker), and the ones waiting. */
interface SectionCalls {
  running?: SiWorker;
  queued: Set<Job>;
}

/** systeminformation for the report's sections (see the top of this file). */
export class SiPool {
  private readonly workers = new Set<SiWorker>();
  private readonly idle: SiWorker[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly size = POOL_SIZE,
    private readonly stallMs = STALL_MS,
  ) {}

  /** A client for one section; ending the section (`signal`) ends its calls and their worker. */
  client(signal: AbortSignal): SiClient {
    const section: SectionCalls = { queued: new Set() };
    signal.addEventListener(
      'abort',
      () => {
        const reason = new CasepackError('cancelled', 'the section ended');
        for (const job of section.queued) this.drop(job, reason);
        // Its call may be stuck: that worker goes.
        section.running?.terminate(reason);
      },
      { once: true },
    );
    return {
      call: <F extends SiFunction>(fn: F) =>
        new Promise<SiResult<F>>((resolve, reject) => {
          if (signal.aborted || this.closed)
            return reject(new CasepackError('cancelled', 'the section ended'));
          const job: Job = { fn, section, resolve: resolve as (v: unknown) => void, reject };
          section.queued.add(job);
          this.queue.push(job);
          this.armStall(job);
          this.pump();
        }),
    };
  }

  close(): void {
    this.closed = true;
    const reason = new CasepackError('cancelled', 'the report ended');
    for (const job of [...this.queue]) this.drop(job, reason);
    for (const w of [...this.workers]) w.terminate(reason);
  }

  private spawn(): SiWorker {
    const w = new SiWorker(this.env, (dead) => {
      this.workers.delete(dead);
      const i = this.idle.indexOf(dead);
      if (i !== -1) this.idle.splice(i, 1);
      if (!this.closed) this.pump();
    });
    this.workers.add(w);
    return w;
  }

  /**
   * A call still waiting after STALL_MS while its section runs nothing: every worker is held by a
   * call that looks stuck, so this one gets a worker of its own (terminated again when it is done).
   */
  private armStall(job: Job): void {
    job.stall = setTimeout(() => {
      if (job.section.running) return this.armStall(job);
      try {
        this.start(job, this.spawn());
      } catch {
        this.armStall(job); // no thread to be had right now: wait for a pooled one
      }
    }, this.stallMs).unref();
  }

  /** Start waiting calls on free workers: one call per section at a time. */
  private pump(): void {
    for (const job of [...this.queue]) {
      if (job.section.running) continue;
      const w = this.idle.pop() ?? (this.workers.size < this.size ? this.spawn() : undefined);
      if (!w) return;
      this.start(job, w);
    }
  }

  private start(job: Job, w: SiWorker): void {
    this.unqueue(job);
    job.section.running = w;
    w.call(job.fn).then(
      (v) => this.finish(job, w, () => job.resolve(v)),
      (e: Error) => this.finish(job, w, () => job.reject(e)),
    );
  }

  private finish(job: Job, w: SiWorker, settle: () => void): void {
    job.section.running = undefined;
    // Back to the pool, unless it is gone or was an extra one for a stalled call.
    if (!w.dead && !this.closed) {
      if (this.workers.size > this.size) w.terminate(new CasepackError('cancelled', 'not needed'));
      else this.idle.push(w);
    }
    settle();
    this.pump();
  }

  private unqueue(job: Job): void {
    clearTimeout(job.stall);
    job.section.queued.delete(job);
    const i = this.queue.indexOf(job);
    if (i !== -1) this.queue.splice(i, 1);
  }

  private drop(job: Job, reason: Error): void {
    this.unqueue(job);
    job.reject(reason);
  }
}
