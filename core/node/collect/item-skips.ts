// Skipping one item of a running collection (the UI's "Skip" beside a hung command or a slow file).
// The runner attaches each item's own AbortController while it runs; a skip aborts it with a
// UserSkip reason, or, for an item still waiting, keeps it from starting. Either way the item ends
// as `skipped` in the manifest, with what was kept of it.
import { formatBytes, formatDuration } from '../../common/units.js';
import type { ManifestItem } from '../../common/manifest/schema.js';

/** The abort reason of an item the user skipped (so the runner can tell it from a cancelled run). */
export class UserSkip extends Error {
  constructor() {
    super('skipped by the user');
    this.name = 'UserSkip';
  }
}

export class ItemSkips {
  private readonly requested = new Set<string>();
  private readonly running = new Map<string, AbortController>();

  /** Ask for an item to be skipped (the caller checks it has not finished yet). */
  skip(id: string): void {
    this.requested.add(id);
    this.running.get(id)?.abort(new UserSkip());
  }

  /** Ids the user asked to skip, in the order asked. */
  list(): string[] {
    return [...this.requested];
  }

  /** Skipped before it started: the runner never runs it. */
  before(id: string): boolean {
    return this.requested.has(id);
  }

  /** While an item runs; returns the detach function. */
  attach(id: string, ac: AbortController): () => void {
    this.running.set(id, ac);
    return () => this.running.delete(id);
  }
}

/** True when an item's signal was aborted by a user skip (not by the run being cancelled). */
export function skippedByUser(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof UserSkip;
}

/** The manifest item of an item the user skipped, from what its collector returned. */
export function asUserSkipped(item: ManifestItem, ranMs?: number): ManifestItem {
  const when = ranMs === undefined ? 'before it started' : `after ${formatDuration(ranMs)}`;
  const what =
    item.type === 'command' && ranMs !== undefined ? '; the command was killed with its group' : '';
  const kept = item.path
    ? item.size
      ? `; kept the ${formatBytes(item.size)} it had produced`
      : '; it had produced nothing'
    : ranMs === undefined
      ? ''
      : '; nothing was kept';
  return { ...item, status: 'skipped', reason: `skipped by the user ${when}${what}${kept}` };
}
