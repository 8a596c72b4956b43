// One command item: run it (run-command.ts), then put its output through redaction into the bundle.
// Timeouts, floods, missing programs and odd exits all end in a manifest entry that says so.
import { Readable } from 'node:stream';
import type { PlanCommandItem } from '../../common/collect/plan.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import { formatBytes, formatDuration } from '../../common/units.js';
import type { CollectorContext } from './collector-context.js';
import { KILL_GRACE_MS, runCommand } from './run-command.js';
import { writeEntry } from './write-entry.js';

export async function collectCommand(
  item: PlanCommandItem,
  ctx: CollectorContext,
): Promise<ManifestItem> {
  const startedAt = new Date().toISOString();
  const base = {
    id: item.id,
    spec: item.spec,
    type: 'command' as const,
    source: item.source,
    argv: item.argv,
    startedAt,
  };
  const out = await runCommand(
    {
      argv: item.argv,
      cwd: item.cwd,
      env: item.env,
      timeoutMs: item.timeoutMs,
      maxBytes: item.maxBytes,
    },
    ctx.signal,
  );
  const facts = {
    exitCode: out.exitCode,
    signal: out.signal,
    timedOut: out.timedOut,
    durationMs: out.durationMs,
  };
  if (out.startError) {
    const notFound = out.startError.kind === 'not-found';
    const reason = notFound
      ? `command not found: ${item.argv[0]}`
      : out.startError.kind === 'permission'
        ? `permission denied running ${item.argv[0]}`
        : `could not start ${item.argv[0]}: ${out.startError.message}`;
    return { ...base, ...facts, status: notFound && item.optional ? 'skipped' : 'failed', reason };
  }
  ctx.onBytes(out.output.length);
  // Even a failed command's output is kept: its error message is what support needs to see.
  const entry = await writeEntry(ctx, item, item.path, Readable.from([out.output]), {});
  const done = { ...base, ...facts, ...entry, durationMs: out.durationMs };
  if (out.timedOut)
    return {
      ...done,
      status: 'failed',
      reason: `timed out after ${formatDuration(item.timeoutMs)}: killed with its whole process group (TERM, then KILL after ${KILL_GRACE_MS / 1000}s); kept ${formatBytes(out.output.length)} of output`,
    };
  if (out.cancelled)
    return { ...done, status: 'failed', reason: 'cancelled: killed with its process group' };
  if (out.truncated)
    return {
      ...done,
      status: 'truncated',
      reason: `output over maxBytes ${formatBytes(item.maxBytes)}: kept the first ${formatBytes(item.maxBytes)} and stopped the command`,
    };
  if (out.signal) return { ...done, status: 'failed', reason: `killed by ${out.signal}` };
  const notes: string[] = [];
  if (out.exitCode !== 0) notes.push(`exited with code ${out.exitCode}`);
  if (out.strays) notes.push('processes it left behind held its output open and were killed');
  return { ...done, status: 'collected', ...(notes.length ? { reason: notes.join('; ') } : {}) };
}
