// Runs the system report's sections side by side, each under its own timeout, and writes each as
// system/<id>.json through the redaction session into the bundle. A section that fails or runs out
// of time becomes a `failed` manifest item with the reason; the others carry on.
import type { ManifestItem } from '../../common/manifest/schema.js';
import { setMaxListeners } from 'node:events';
import { CasepackError, errorMessage } from '../../common/errors.js';
import type { EntrySink } from '../bundle/types.js';
import { SinkError } from '../collect/collector-context.js';
import type { RedactionSession } from '../redact/types.js';
import { runCapture } from './exec.js';
import { formatTimeout } from './format.js';
import { SiPool } from './si-worker.js';
import { followSignal } from './signals.js';
import { mapLimit } from './map-limit.js';
import { SECTIONS } from './sections/index.js';
import type {
  SectionContext,
  SectionOutcome,
  SystemReportOptions,
  SystemReportResult,
  SystemSection,
} from './types.js';

/** How long a finished section waits for its killed commands to be gone. */
const KILL_WAIT_MS = 2_000;

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Run a section under its timeout; resolves with its data or rejects with the reason. `run` is the
 * whole report's signal (cancel): the section's own controller follows it.
 */
async function runSection(
  section: SystemSection,
  timeoutMs: number,
  opts: SystemReportOptions,
  si: SiPool,
  run: AbortSignal,
): Promise<Record<string, unknown>> {
  const ac = new AbortController();
  // Many listeners per signal are expected here (one per command, worker call, section).
  setMaxListeners(0, ac.signal);
  const started = performance.now();
  const notes: string[] = [];
  const env = opts.env ?? process.env;
  const inflight = new Set<Promise<unknown>>();
  const ctx: SectionContext = {
    env,
    signal: ac.signal,
    timeoutMs,
    remainingMs: () => Math.max(0, timeoutMs - (performance.now() - started)),
    run: (argv, ms) => {
      const p = runCapture(argv, {
        timeoutMs: Math.max(1, ms ?? ctx.remainingMs()),
        env,
        signal: ac.signal,
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      return p;
    },
    si: si.client(ac.signal),
    note: (t) => notes.push(t),
    products: opts.products ?? [],
    vars: opts.vars ?? {},
  };
  let timer: NodeJS.Timeout | undefined;
  let onCancel: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort();
      reject(new CasepackError('timeout', `timed out after ${formatTimeout(timeoutMs)}`));
    }, timeoutMs);
    onCancel = () => {
      ac.abort();
      reject(new CasepackError('cancelled', 'cancelled'));
    };
    if (run.aborted) onCancel();
    else run.addEventListener('abort', onCancel, { once: true });
  });
  try {
    const data = await Promise.race([section.collect(ctx), stop]);
    return notes.length ? { ...data, notes } : data;
  } finally {
    clearTimeout(timer);
    if (onCancel) run.removeEventListener('abort', onCancel);
    ac.abort();
    // The abort killed the section's commands; wait until they are gone (a few ms), so that a
    // report that says "timed out" leaves nothing of it running. Capped: a command whose
    // descendants left its process group could hold its output open.
    if (inflight.size) await Promise.race([Promise.allSettled(inflight), delay(KILL_WAIT_MS)]);
  }
}

export async function writeSystemReport(
  sink: EntrySink,
  session: RedactionSession,
  opts: SystemReportOptions = {},
): Promise<SystemReportResult> {
  const t0 = performance.now();
  const si = new SiPool(opts.env ?? process.env);
  const run = followSignal(opts.signal);
  const sections = opts.only ? SECTIONS.filter((s) => opts.only?.includes(s.id)) : SECTIONS;
  const one = async (
    section: SystemSection,
  ): Promise<{ item: ManifestItem; outcome: SectionOutcome }> => {
    const id = `system:${section.id}`;
    const entry = `system/${section.id}.json`;
    const timeoutMs = opts.timeouts?.[section.id] ?? section.timeoutMs;
    const startedAt = new Date();
    const s0 = performance.now();
    const base = { id, type: 'system' as const, source: id, startedAt: startedAt.toISOString() };
    let data: Record<string, unknown>;
    try {
      data = await runSection(section, timeoutMs, opts, si, run.signal);
    } catch (e) {
      const durationMs = Math.round(performance.now() - s0);
      // Error text can quote command output: it passes the redactor like everything else.
      const reason = session.redactText(errorMessage(e), { id, source: id }).text;
      const item: ManifestItem = { ...base, status: 'failed', reason, durationMs };
      const outcome: SectionOutcome = {
        id: section.id,
        title: section.title,
        status: 'failed',
        reason,
        durationMs,
      };
      return { item, outcome };
    }
    const durationMs = Math.round(performance.now() - s0);
    const json = JSON.stringify(
      {
        section: section.id,
        title: section.title,
        collectedAt: startedAt.toISOString(),
        durationMs,
        ...data,
      },
      null,
      2,
    );
    const red = session.redactText(`${json}\n`, { id, source: id });
    try {
      const res = await sink.addBuffer(entry, red.text, { mtime: startedAt });
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(red.text) as Record<string, unknown>;
      } catch {
        parsed = { text: red.text };
      }
      const item: ManifestItem = {
        ...base,
        path: res.name,
        size: res.size,
        compressedSize: res.compressedSize,
        sha256: res.sha256,
        status: 'collected',
        durationMs,
        redaction: { counts: red.counts },
      };
      return {
        item,
        outcome: {
          id: section.id,
          title: section.title,
          status: 'collected' as const,
          durationMs,
          data: parsed,
        },
      };
    } catch (e) {
      // The bundle cannot take entries any more: nothing later can be written either.
      throw new SinkError(e);
    }
  };
  const limit = opts.concurrency ?? sections.length;
  let quiet: Array<Awaited<ReturnType<typeof one>>>;
  let rest: typeof quiet;
  try {
    quiet = await mapLimit(
      sections.filter((s) => s.quiet),
      limit,
      one,
    );
    rest = await mapLimit(
      sections.filter((s) => !s.quiet),
      limit,
      one,
    );
  } finally {
    si.close();
    run.dispose();
  }
  const byId = new Map([...quiet, ...rest].map((r) => [r.outcome.id, r]));
  const results = sections.map((s) => byId.get(s.id)!);
  return {
    items: results.map((r) => r.item),
    sections: results.map((r) => r.outcome),
    durationMs: Math.round(performance.now() - t0),
  };
}
