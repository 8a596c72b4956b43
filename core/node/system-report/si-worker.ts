// systeminformation, run in a worker thread. Many of its Linux paths call execSync (nmcli, ip,
// dmidecode, hostname -f), which would block casepack's event loop: a stuck one would stop every
// timer, and with it every section's timeout. In a worker, a stuck call only stalls that worker;
// the section times out on the main thread and the worker is terminated.
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

export interface SiClient {
  call<F extends SiFunction>(fn: F): Promise<SiResult<F>>;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** One section's worker: spawned on its first call, terminated when the section ends. */
class SiWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  private spawn(): Worker {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { siPath },
      // Plain JavaScript: no loader flags of the parent (tsx, vitest) in the worker.
      execArgv: [],
    });
    // Never let a stuck worker keep casepack alive.
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new CasepackError('io', `systeminformation: ${m.error ?? 'failed'}`));
    });
    w.on('error', (e) =>
      this.failAll(new CasepackError('internal', `systeminformation worker: ${e.message}`)),
    );
    return w;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  call<F extends SiFunction>(fn: F): Promise<SiResult<F>> {
    const id = this.nextId++;
    this.worker ??= this.spawn();
    const w = this.worker;
    return new Promise<SiResult<F>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, fn });
    });
  }

  /** Stop: a call may be stuck in execSync, so the thread is terminated, not asked. */
  close(reason: Error): void {
    this.failAll(reason);
    if (this.worker) void this.worker.terminate();
    this.worker = undefined;
  }
}

/**
 * systeminformation for the report's sections: each section gets its own worker, so a call stuck
 * in one section's worker (execSync) never delays another section, and ending the section
 * (done, timed out, cancelled) terminates it.
 */
export class SiPool {
  private readonly workers = new Set<SiWorker>();

  /** A client whose worker ends when `signal` aborts (the section's end). */
  client(signal: AbortSignal): SiClient {
    let worker: SiWorker | undefined;
    const end = (): void => {
      worker?.close(new CasepackError('cancelled', 'the section ended'));
      if (worker) this.workers.delete(worker);
    };
    signal.addEventListener('abort', end, { once: true });
    return {
      call: (fn) => {
        if (signal.aborted)
          return Promise.reject(new CasepackError('cancelled', 'the section ended'));
        if (!worker) {
          worker = new SiWorker();
          this.workers.add(worker);
        }
        return worker.call(fn);
      },
    };
  }

  close(): void {
    for (const w of this.workers) w.close(new CasepackError('cancelled', 'the report ended'));
    this.workers.clear();
  }
}
