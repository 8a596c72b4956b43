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

/** Run `body` with a systeminformation worker that lives until `body` settles or `signal` aborts. */
export async function withSi<T>(
  signal: AbortSignal,
  body: (si: SiClient) => Promise<T>,
): Promise<T> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { siPath } });
  // Never let a stuck worker keep casepack alive.
  worker.unref();
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new CasepackError('io', `systeminformation: ${m.error ?? 'failed'}`));
  });
  worker.on('error', (e) =>
    failAll(new CasepackError('internal', `systeminformation worker: ${e.message}`)),
  );
  const onAbort = (): void => {
    failAll(new CasepackError('timeout', 'cancelled'));
    void worker.terminate();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const client: SiClient = {
    call(fn) {
      if (signal.aborted) return Promise.reject(new CasepackError('timeout', 'cancelled'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, fn });
      });
    },
  };
  try {
    return await body(client);
  } finally {
    signal.removeEventListener('abort', onAbort);
    void worker.terminate();
  }
}
