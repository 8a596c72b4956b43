// What every collector gets from the runner, and the one error that stops a whole run.
import type { EntrySink } from '../bundle/types.js';
import type { RedactionSession } from '../redact/types.js';

export interface CollectorContext {
  sink: EntrySink;
  session: RedactionSession;
  /** Aborted at the item's timeout or when the whole run is cancelled. */
  signal: AbortSignal;
  /** Bytes read from the source (progress). */
  onBytes(n: number): void;
}

/**
 * The bundle could not take an entry (disk full, output gone): nothing later can be written
 * either, so the run stops and the bundle is aborted. Every other problem is the item's own.
 */
export class SinkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'SinkError';
  }
}
