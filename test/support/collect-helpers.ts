// Small builders for collector unit tests: a plan item for a path, and a collector context that
// writes into a MemorySink through the identity redaction session.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PlanCommandItem, PlanFileItem } from '../../core/common/collect/plan.js';
import type { CollectorContext } from '../../core/node/collect/collector-context.js';
import { identitySession } from '../../core/node/redact/identity.js';
import { MemorySink } from './memory-sink.js';

export async function fileItem(file: string, o: Partial<PlanFileItem> = {}): Promise<PlanFileItem> {
  const st = await stat(file).catch(() => undefined);
  return {
    type: 'file',
    action: 'collect',
    id: `test:${file}`,
    spec: 'test',
    profile: 'test',
    kind: 'log',
    source: file,
    path: `logs/${path.basename(file)}`,
    size: st?.size ?? 0,
    mtime: st?.mtime.toISOString() ?? new Date(0).toISOString(),
    estimatedBytes: st?.size ?? 0,
    maxBytes: 50 * 1024 * 1024,
    overLimit: 'tail',
    window: true,
    timezone: 'UTC',
    ...o,
  };
}

/** A plan's command item as the planner makes it: `commands/<id>.txt`, 1 MiB cap. */
export function commandItem(
  id: string,
  argv: string[],
  o: Partial<PlanCommandItem> = {},
): PlanCommandItem {
  return {
    type: 'command',
    action: 'collect',
    id,
    spec: id,
    profile: 'test',
    source: id,
    argv,
    timeoutMs: 10_000,
    maxBytes: 1024 * 1024,
    optional: false,
    path: `commands/${id}.txt`,
    estimatedBytes: 0,
    ...o,
  };
}

export function collectorContext(sink = new MemorySink()): CollectorContext & { sink: MemorySink } {
  return {
    sink,
    session: identitySession(),
    signal: new AbortController().signal,
    onBytes: () => undefined,
  };
}
