// The redaction lanes of one run: min(2, cores) lanes, the main thread being one of them and worker
// threads the others (each worker isolate costs 35-40 MB of RSS; the main thread has the engine
// loaded anyway and is mostly idle while a collection waits on I/O). Workers start on first use,
// each compiling the run's pack from the session recipe. Streams are placed on the least busy
// lane and stay there (the engine's carry-over state lives in that thread); the leak check's
// entries are spread over the same lanes. A worker that stops marks the pool broken: every stream and
// scan on it fails, later ones are refused, and the run's leak check refuses the bundle
// (collect-session.ts), so nothing half-redacted is ever released.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CasepackError } from '../../common/errors.js';
import type { PseudonymCategory } from '../../common/redact/policy.js';
import type { ItemRedactionResult, LeakFinding } from './types.js';
import type { FromWorker, LeakJobOptions, ToWorker, WorkerInit } from './worker-protocol.js';

export interface StreamHandler {
  out(buf: Buffer | null): void;
  done(result: ItemRedactionResult): void;
  fail(err: Error): void;
}

export interface PoolStream {
  send(buf: ArrayBuffer): void;
  end(): void;
  /** The stream was cancelled: the worker drops its state. */
  drop(): void;
}

export interface PoolHooks {
  /** Fingerprints of values removed in a worker, four numbers each. */
  onFingerprints?(fps: number[]): void;
  onMappings?(maps: Array<[string, PseudonymCategory, string]>): void;
}

export interface PoolOptions {
  init: WorkerInit;
  /** Lanes, the main thread included (default min(2, available parallelism)): lanes - 1 workers. */
  lanes?: number;
  /** The worker's module (tests start one that fails); default redact-worker next to this one. */
  entry?: WorkerEntry;
}

/** A worker module; `tsx` when it is TypeScript source (tests run the sources). */
export interface WorkerEntry {
  url: URL;
  tsx?: boolean;
}

interface Job {
  resolve(f: LeakFinding[]): void;
  reject(e: Error): void;
}

interface PoolWorker {
  w: Worker;
  streams: Map<number, StreamHandler>;
  jobs: Map<number, Job>;
}

/** redact-worker.js next to this module; the .ts source through tsx when running the sources. */
export function defaultWorkerEntry(): WorkerEntry | undefined {
  for (const [name, tsx] of [
    ['./redact-worker.js', false],
    ['./redact-worker.ts', true],
  ] as const) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, tsx };
  }
  return undefined;
}

/**
 * A small young generation: the engine's garbage is short-lived, and V8's default (16 MiB
 * semi-spaces) cost about 10 MB of RSS per worker for no measurable CPU (issue 7's 200 MB).
 */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

function startWorker(entry: WorkerEntry, workerData: WorkerInit): Worker {
  if (!entry.tsx) return new Worker(entry.url, { workerData, resourceLimits: LIMITS });
  // Node 20 does not pass `--import tsx` on to workers: register tsx's hooks in the worker.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry.url.href)}); })`;
  return new Worker(code, { eval: true, workerData, resourceLimits: LIMITS });
}

export class RedactPool {
  private workers: PoolWorker[] | undefined;
  private unavailable = false;
  private broken: CasepackError | undefined;
  private closing = false;
  private nextId = 1;
  /** Streams redacted on the main thread by the pool's choice (PooledRedactTransform). */
  private local = 0;

  constructor(
    private readonly o: PoolOptions,
    private readonly hooks: PoolHooks = {},
  ) {}

  /** True once workers were started (the run's data went through them). */
  get started(): boolean {
    return this.workers !== undefined;
  }

  /** Why the pool stopped, when a worker failed during the run. */
  get failure(): CasepackError | undefined {
    return this.broken;
  }

  /** Start the workers; false when they cannot start here (then the caller redacts in-thread). */
  private start(): boolean {
    if (this.workers) return true;
    if (this.unavailable) return false;
    const entry = this.o.entry ?? defaultWorkerEntry();
    const size = (this.o.lanes ?? Math.min(2, os.availableParallelism())) - 1;
    if (!entry || size < 1) {
      this.unavailable = true;
      return false;
    }
    const started: PoolWorker[] = [];
    try {
      for (let i = 0; i < size; i++) {
        const w = startWorker(entry, this.o.init);
        const pw: PoolWorker = { w, streams: new Map(), jobs: new Map() };
        w.on('message', (m: FromWorker) => this.onMessage(pw, m));
        w.on('error', (e) => this.fail(`a redaction worker failed: ${e.message}`));
        w.on('exit', (code) => {
          if (!this.closing) this.fail(`a redaction worker exited (code ${code})`);
        });
        w.unref();
        started.push(pw);
      }
    } catch {
      for (const pw of started) void pw.w.terminate();
      this.unavailable = true;
      return false;
    }
    this.workers = started;
    return true;
  }

  private fail(why: string): void {
    if (this.closing) return;
    this.broken ??= new CasepackError(
      'internal',
      `${why}; the redaction of this run is incomplete and its bundle cannot be released`,
    );
    for (const pw of this.workers ?? []) {
      for (const h of pw.streams.values()) h.fail(this.broken);
      for (const j of pw.jobs.values()) j.reject(this.broken);
      pw.streams.clear();
      pw.jobs.clear();
      this.sync(pw);
    }
  }

  /** Keep the process alive only while a worker has work (an idle pool never holds it open). */
  private sync(pw: PoolWorker): void {
    if (pw.streams.size + pw.jobs.size > 0) pw.w.ref();
    else pw.w.unref();
  }

  private post(pw: PoolWorker, m: ToWorker, transfer: ArrayBuffer[] = []): void {
    pw.w.postMessage(m, transfer);
  }

  private leastBusy(): PoolWorker {
    const ws = this.workers!;
    let best = ws[0]!;
    for (const pw of ws)
      if (pw.streams.size + pw.jobs.size < best.streams.size + best.jobs.size) best = pw;
    return best;
  }

  /**
   * Place a stream: on a worker (`remote`), or on this thread (`local`, call it when the stream
   * ends) when this thread is the least busy lane or workers cannot start. Throws once broken.
   */
  open(fileName: string, h: StreamHandler): { remote: PoolStream } | { local: () => void } {
    if (this.broken) throw this.broken;
    if (!this.start()) return { local: () => undefined };
    const pw = this.leastBusy();
    if (this.local < pw.streams.size) {
      this.local++;
      let done = false;
      return {
        local: () => {
          if (!done) this.local--;
          done = true;
        },
      };
    }
    const sid = this.nextId++;
    pw.streams.set(sid, h);
    this.sync(pw);
    this.post(pw, { t: 'open', sid, fileName });
    return {
      remote: {
        send: (buf) => this.post(pw, { t: 'data', sid, buf }, [buf]),
        end: () => this.post(pw, { t: 'end', sid }),
        drop: () => {
          if (!pw.streams.has(sid)) return;
          pw.streams.delete(sid);
          this.sync(pw);
          if (!this.closing) this.post(pw, { t: 'drop', sid });
        },
      },
    };
  }

  private onMessage(pw: PoolWorker, m: FromWorker): void {
    if (m.t === 'found' || m.t === 'scan-fail') {
      const job = pw.jobs.get(m.jid);
      pw.jobs.delete(m.jid);
      this.sync(pw);
      if (m.t === 'found') job?.resolve(m.findings);
      else job?.reject(new Error(m.message));
      return;
    }
    const h = pw.streams.get(m.sid);
    if (m.t === 'out') {
      // Fingerprints and mappings count even when the stream was dropped meanwhile.
      if (m.fps) this.hooks.onFingerprints?.(m.fps);
      if (m.maps) this.hooks.onMappings?.(m.maps);
      h?.out(m.buf ? Buffer.from(m.buf) : null);
      return;
    }
    pw.streams.delete(m.sid);
    this.sync(pw);
    if (m.t === 'done') h?.done(m.result);
    else h?.fail(new Error(m.message));
  }

  /**
   * Scan entries `indexes` of the zip `file` for leaks on the workers (at most two entries in
   * flight per worker) and on this thread (`scanHere`, one entry at a time). Findings per entry
   * index.
   */
  async scan(
    file: string,
    indexes: readonly number[],
    options: LeakJobOptions,
    scanHere: (index: number) => Promise<LeakFinding[]>,
    signal?: AbortSignal,
  ): Promise<Map<number, LeakFinding[]>> {
    if (this.broken) throw this.broken;
    if (!this.start()) throw new CasepackError('internal', 'the redaction workers cannot start');
    const ws = this.workers!;
    const lid = this.nextId++;
    for (const pw of ws) this.post(pw, { t: 'leak-open', lid, file, options });
    const found = new Map<number, LeakFinding[]>();
    let next = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let pending = 0;
        const onAbort = () => reject(signal!.reason as Error);
        signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (e?: Error) => {
          signal?.removeEventListener('abort', onAbort);
          if (e) reject(e);
          else resolve();
        };
        const dispatch = (pw: PoolWorker) => {
          if (signal?.aborted || this.broken) return;
          const index = indexes[next++];
          if (index === undefined) {
            if (pending === 0) finish();
            return;
          }
          const jid = this.nextId++;
          pending++;
          pw.jobs.set(jid, {
            resolve: (f) => {
              pending--;
              found.set(index, f);
              dispatch(pw);
            },
            reject: (e) => {
              pending--;
              finish(e);
            },
          });
          this.sync(pw);
          this.post(pw, { t: 'scan', lid, jid, index });
        };
        // This thread's lane: the next entry whenever the previous one is done.
        const here = () => {
          if (signal?.aborted || this.broken) return;
          const index = indexes[next++];
          if (index === undefined) {
            if (pending === 0) finish();
            return;
          }
          pending++;
          scanHere(index).then(
            (f) => {
              pending--;
              found.set(index, f);
              here();
            },
            (e: Error) => {
              pending--;
              finish(e);
            },
          );
        };
        if (signal?.aborted) return onAbort();
        for (let k = 0; k < 2; k++) for (const pw of ws) dispatch(pw);
        here();
        if (indexes.length === 0) finish();
      });
    } finally {
      for (const pw of ws) {
        if (!this.broken) this.post(pw, { t: 'leak-close', lid });
        pw.jobs.clear();
        this.sync(pw);
      }
    }
    return found;
  }

  /** End of the run: stop the workers. */
  async close(): Promise<void> {
    this.closing = true;
    const ws = this.workers ?? [];
    this.workers = undefined;
    this.unavailable = true;
    await Promise.all(ws.map((pw) => pw.w.terminate().catch(() => undefined)));
  }
}
