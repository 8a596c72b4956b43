// Runs the plan's items with bounded concurrency. Each item has its own AbortController (linked to
// the run's), reports bytes as it reads, and ends in exactly one manifest item whatever happens: an
// unexpected error becomes a `failed` item and the rest go on. Only a SinkError (the bundle itself
// cannot be written) stops the run.
import type { CasepackEvents, TypedEmitter } from '../../common/events.js';
import { errorMessage } from '../../common/errors.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { EntrySink } from '../bundle/types.js';
import type { RedactionSession } from '../redact/types.js';
import { SinkError, type CollectorContext } from './collector-context.js';
import { asUserSkipped, skippedByUser, type ItemSkips } from './item-skips.js';

export interface RunTask {
  id: string;
  estimatedBytes: number;
  run(ctx: CollectorContext): Promise<ManifestItem>;
  /** The manifest item for this task when it threw unexpectedly. */
  failed(reason: string): ManifestItem;
}

export interface RunOptions {
  runId: string;
  concurrency: number;
  sink: EntrySink;
  session: RedactionSession;
  events?: TypedEmitter<CasepackEvents>;
  signal?: AbortSignal;
  /** Progress events at most this often while bytes flow (items starting/ending always emit). */
  progressEveryMs?: number;
  /** Items the user skips while the run goes on (the UI). */
  skips?: ItemSkips;
}

export async function runTasks(tasks: readonly RunTask[], o: RunOptions): Promise<ManifestItem[]> {
  const results: ManifestItem[] = new Array(tasks.length);
  const run = new AbortController();
  const onOuterAbort = () => run.abort(o.signal?.reason);
  if (o.signal?.aborted) run.abort(o.signal.reason);
  else o.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const started = Date.now();
  const bytesTotal = tasks.reduce((n, t) => n + t.estimatedBytes, 0);
  const current = new Set<string>();
  const itemBytes = new Map<string, number>();
  let itemsDone = 0;
  let bytesDone = 0;
  let lastEmit = 0;
  let fatal: SinkError | undefined;
  const emit = (force: boolean) => {
    const now = Date.now();
    if (!o.events || (!force && now - lastEmit < (o.progressEveryMs ?? 250))) return;
    lastEmit = now;
    const elapsed = now - started;
    const rate = bytesDone / Math.max(elapsed, 1);
    const left = Math.max(bytesTotal - bytesDone, 0);
    o.events.emit('collect:progress', {
      runId: o.runId,
      itemsDone,
      itemsTotal: tasks.length,
      bytesDone,
      bytesTotal,
      current: [...current],
      itemBytes: Object.fromEntries(itemBytes),
      ...(bytesDone > 0 && elapsed > 500 ? { etaMs: Math.round(left / rate) } : {}),
    });
  };

  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !fatal) {
      const index = next++;
      const task = tasks[index]!;
      if (o.skips?.before(task.id) && !run.signal.aborted) {
        results[index] = asUserSkipped(task.failed(''));
        itemsDone++;
        o.events?.emit('collect:item', { runId: o.runId, item: results[index] });
        emit(true);
        continue;
      }
      const own = new AbortController();
      const link = () => own.abort(run.signal.reason);
      run.signal.addEventListener('abort', link, { once: true });
      const detach = o.skips?.attach(task.id, own);
      const startedItem = Date.now();
      current.add(task.id);
      itemBytes.set(task.id, 0);
      emit(true);
      let item: ManifestItem;
      try {
        if (run.signal.aborted) throw run.signal.reason ?? new Error('cancelled');
        item = await task.run({
          sink: o.sink,
          session: o.session,
          signal: own.signal,
          onBytes: (n) => {
            bytesDone += n;
            itemBytes.set(task.id, (itemBytes.get(task.id) ?? 0) + n);
            emit(false);
          },
        });
        if (skippedByUser(own.signal) && !run.signal.aborted)
          item = asUserSkipped(item, Date.now() - startedItem);
      } catch (e) {
        if (e instanceof SinkError) {
          fatal ??= e;
          run.abort(e);
        }
        item =
          skippedByUser(own.signal) && !run.signal.aborted
            ? asUserSkipped(task.failed(''), Date.now() - startedItem)
            : task.failed(
                e instanceof SinkError
                  ? `not written: ${e.message}`
                  : run.signal.aborted
                    ? 'cancelled'
                    : `internal error: ${errorMessage(e)}`,
              );
      } finally {
        run.signal.removeEventListener('abort', link);
        detach?.();
        current.delete(task.id);
        itemBytes.delete(task.id);
      }
      results[index] = item;
      itemsDone++;
      // Once the bundle has failed there is nothing to report per item: the run's error says it.
      if (!fatal) o.events?.emit('collect:item', { runId: o.runId, item });
      emit(true);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(o.concurrency, tasks.length)) }, worker),
    );
  } finally {
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (fatal) throw fatal;
  o.signal?.throwIfAborted();
  return results;
}
