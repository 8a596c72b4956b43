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
  fn: SiFunction;
  worker: Worker;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/**
 * One worker shared by the report's sections (loading systeminformation costs CPU: once, not per
 * section). When a section gives up on a call (its timeout), the worker may be stuck in execSync:
 * it is terminated and the other sections' calls are sent again to a fresh one.
 */
export class SiPool {
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
      if (!p || p.worker !== w) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new CasepackError('io', `systeminformation: ${m.error ?? 'failed'}`));
    });
    w.on('error', (e) => {
      for (const [id, p] of this.pending)
        if (p.worker === w) {
          this.pending.delete(id);
          p.reject(new CasepackError('internal', `systeminformation worker: ${e.message}`));
        }
      if (this.worker === w) this.worker = undefined;
    });
    return w;
  }

  private post(id: number, p: Pending): void {
    p.worker.postMessage({ id, fn: p.fn });
  }

  /** Terminate a worker that may be stuck; move its other calls to a fresh one. */
  private retire(w: Worker): void {
    if (this.worker === w) this.worker = undefined;
    void w.terminate();
    for (const [id, p] of this.pending) {
      if (p.worker !== w) continue;
      p.worker = this.worker ??= this.spawn();
      this.post(id, p);
    }
  }

  call<F extends SiFunction>(fn: F, signal: AbortSignal): Promise<SiResult<F>> {
    if (signal.aborted) return Promise.reject(new CasepackError('timeout', 'cancelled'));
    const id = this.nextId++;
    return new Promise<SiResult<F>>((resolve, reject) => {
      const p: Pending = {
        fn,
        worker: (this.worker ??= this.spawn()),
        resolve: resolve as (v: unknown) => void,
        reject,
      };
      this.pending.set(id, p);
      this.post(id, p);
      signal.addEventListener(
        'abort',
        () => {
          const still = this.pending.get(id);
          if (!still) return;
          this.pending.delete(id);
          reject(new CasepackError('timeout', 'cancelled'));
          this.retire(still.worker);
        },
        { once: true },
      );
    });
  }

  /** A client whose calls end when `signal` aborts. */
  client(signal: AbortSignal): SiClient {
    return { call: (fn) => this.call(fn, signal) };
  }

  close(): void {
    for (const p of this.pending.values()) p.reject(new CasepackError('cancelled', 'cancelled'));
    this.pending.clear();
    if (this.worker) void this.worker.terminate();
    this.worker = undefined;
  }
}
