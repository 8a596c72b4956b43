// Collections running in the background for the UI: `collectStart` returns a runId at once, the
// run reports through the service's collect:* events (over IPC or server-sent events), and the UI
// skips an item or cancels the run by its id. Each run keeps its latest state so a page that
// reloads (or subscribed late) can ask where it stands.
import { randomUUID } from 'node:crypto';
import type { CollectArgs, CollectResult, CollectRun } from '../../common/api/collect.js';
import { CasepackError, isCasepackError } from '../../common/errors.js';
import type { CasepackEvents, TypedEmitter } from '../../common/events.js';
import { ItemSkips } from './item-skips.js';

/** Finished runs kept for `collectStatus` (the newest). */
const KEEP_FINISHED = 20;

interface Entry {
  state: CollectRun;
  skips: ItemSkips;
  abort: AbortController;
  finished: Set<string>;
  /** collect:done went out (runCollect sends it once its bundle was opened). */
  doneSent: boolean;
}

export type RunCollection = (
  args: CollectArgs,
  o: { runId: string; signal: AbortSignal; skips: ItemSkips },
) => Promise<CollectResult>;

export class CollectRuns {
  private readonly runs = new Map<string, Entry>();

  constructor(
    private readonly events: TypedEmitter<CasepackEvents>,
    private readonly run: RunCollection,
  ) {
    // One listener for all runs: each event updates its run's state.
    events.on('collect:progress', (p) => {
      const e = this.runs.get(p.runId);
      if (e) e.state.progress = p;
    });
    events.on('collect:item', ({ runId, item }) => {
      const e = this.runs.get(runId);
      if (!e) return;
      e.state.items.push(item);
      e.finished.add(item.id);
    });
    events.on('collect:done', ({ runId }) => {
      const e = this.runs.get(runId);
      if (e) e.doneSent = true;
    });
  }

  /** Start a run; resolves once it is registered (its events may already be flowing). */
  start(args: CollectArgs): CollectRun {
    const runId = randomUUID();
    const entry: Entry = {
      state: {
        runId,
        state: 'running',
        startedAt: new Date().toISOString(),
        items: [],
        skipRequested: [],
      },
      skips: new ItemSkips(),
      abort: new AbortController(),
      finished: new Set(),
      doneSent: false,
    };
    this.runs.set(runId, entry);
    this.prune();
    this.run(args, { runId, signal: entry.abort.signal, skips: entry.skips }).then(
      (result) => {
        entry.state.state = 'done';
        entry.state.result = result;
      },
      (e: unknown) => {
        const err = isCasepackError(e) ? e : new CasepackError('internal', String(e));
        entry.state.state = err.code === 'cancelled' ? 'cancelled' : 'failed';
        entry.state.error = err.toInfo();
        // A run that failed before it opened its bundle (a broken profile) sent no collect:done.
        if (!entry.doneSent) this.events.emit('collect:done', { runId, error: err.message });
      },
    );
    return this.snapshot(entry);
  }

  status(runId: string): CollectRun {
    return this.snapshot(this.get(runId));
  }

  skip(runId: string, itemId: string): CollectRun {
    const e = this.get(runId);
    if (e.state.state !== 'running')
      throw new CasepackError(
        'usage',
        `the collection has ended (${e.state.state}): nothing to skip`,
      );
    if (e.finished.has(itemId))
      throw new CasepackError('usage', `item ${itemId} has finished already`, itemId);
    e.skips.skip(itemId);
    return this.snapshot(e);
  }

  cancel(runId: string): CollectRun {
    const e = this.get(runId);
    if (e.state.state === 'running')
      e.abort.abort(new CasepackError('cancelled', 'collection cancelled by the user'));
    return this.snapshot(e);
  }

  private get(runId: string): Entry {
    const e = this.runs.get(runId);
    if (!e) throw new CasepackError('not-found', `no collection run ${runId}`, runId);
    return e;
  }

  private snapshot(e: Entry): CollectRun {
    return { ...e.state, items: [...e.state.items], skipRequested: e.skips.list() };
  }

  private prune(): void {
    const done = [...this.runs].filter(([, e]) => e.state.state !== 'running');
    for (const [id] of done.slice(0, Math.max(0, done.length - KEEP_FINISHED)))
      this.runs.delete(id);
  }
}
