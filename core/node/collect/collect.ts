// `collect`, start to end: settings + profiles + vars -> plan -> open bundle -> run the items ->
// system report -> report.html -> finish. Any fatal error aborts the bundle: no .zip is left. The
// parts others own (bundle writer, redaction session, system report, report.html, case) come in
// through CollectDeps, so adding pseudonyms or a case file is a change to the deps, not to this flow.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import type { CollectArgs, CollectResult, CollectSummary } from '../../common/api/collect.js';
import { CasepackError, isCasepackError } from '../../common/errors.js';
import type { TypedEmitter, CasepackEvents } from '../../common/events.js';
import {
  MANIFEST_FORMAT_VERSION,
  type Manifest,
  type ManifestItem,
} from '../../common/manifest/schema.js';
import type { Settings } from '../../common/settings/schema.js';
import type { BundleWriter, EntrySink } from '../bundle/types.js';
import type { RedactionSession } from '../redact/types.js';
import { toolVersion } from '../version.js';
import { SinkError } from './collector-context.js';
import type { ItemSkips } from './item-skips.js';
import { preparePlan, type Prepared } from './prepare.js';
import { runTasks } from './runner.js';
import { planTasks, skippedItem } from './tasks.js';

/** A ready section of report.html: escaped HTML, placed by `order` (see the report renderer). */
export interface ReportFragment {
  id: string;
  /** '' when the fragment brings its own headings. */
  title: string;
  order: number;
  html: string;
  /** CSS for the fragment's own classes. */
  css?: string;
}

/**
 * A part of the bundle written after the plan's items: the system report and health checks, the
 * recent changes. Each returns its manifest items and its section of report.html.
 */
export interface CollectPart {
  /** `system-report` is left out with `--no-system-report`. */
  id: string;
  write(ctx: {
    sink: EntrySink;
    session: RedactionSession;
    prepared: Prepared;
    signal: AbortSignal;
  }): Promise<{ items: ManifestItem[]; report?: ReportFragment }>;
}

export interface CollectDeps {
  openBundle(o: { dir: string; name: string }): Promise<BundleWriter>;
  bundleName(o: { caseNumber?: string; host: string; createdAt: Date }): string;
  /** The run's redaction session; it may use the settings and the profiles' redaction rules. */
  createSession(ctx: {
    settings: Settings;
    prepared: Prepared;
  }): RedactionSession | Promise<RedactionSession>;
  /** Paths no plan may collect, whatever the profiles say (casepack's own data and secrets). */
  forbid?: string[];
  /** Written after the items, in order (system report, changes, ...). */
  parts: CollectPart[];
  renderReport(o: { manifest: Manifest; caseJson: unknown; sections: ReportFragment[] }): string;
  /** The case as the user wrote it, when known (case.json). */
  caseJson?: unknown;
  caseNumber?: string;
  /** What the manifest says about the case (core/node/case/collect-case.ts). */
  caseManifest?: Manifest['case'];
  /** What the case lacks once the bundle's content is known (fields and artifacts): warnings. */
  caseWarnings?(manifest: Manifest): string[];
  /** How the host is named in the bundle name and manifest (a pseudonym when that is on). */
  hostLabel?(host: string): string;
}

export interface CollectRunOptions {
  events?: TypedEmitter<CasepackEvents>;
  signal?: AbortSignal;
  now?: number;
  /** A background run names itself before it starts (collect-runs.ts); else a new UUID. */
  runId?: string;
  /** Items the user skips while it runs. */
  skips?: ItemSkips;
}

function summarize(items: readonly ManifestItem[], durationMs: number): CollectSummary {
  const count = (s: ManifestItem['status']) => items.filter((i) => i.status === s).length;
  return {
    items: items.length,
    collected: count('collected'),
    truncated: count('truncated'),
    skipped: count('skipped'),
    failed: count('failed'),
    bytes: items.reduce((n, i) => n + (i.size ?? 0), 0),
    durationMs,
  };
}

export async function runCollect(
  settings: Settings,
  args: CollectArgs,
  deps: CollectDeps,
  o: CollectRunOptions = {},
): Promise<CollectResult> {
  const started = o.now ?? Date.now();
  const runId = o.runId ?? randomUUID();
  const signal = o.signal ?? new AbortController().signal;
  // Every running item and report section listens to the run's signal: many listeners by design.
  setMaxListeners(0, signal);
  const prepared = await preparePlan(settings, args, { now: started, signal, forbid: deps.forbid });
  const { plan } = prepared;
  const warnings = plan.profiles
    .filter((p) => !p.applies)
    .map(
      (p) =>
        `profile ${p.name} does not seem to apply on this host (${p.appliesReason}); collecting what it finds`,
    );
  const outDir = path.resolve(
    args.cwd ?? process.cwd(),
    args.outDir ?? settings.collect?.outDir ?? '.',
  );
  const session = await deps.createSession({ settings, prepared });
  const label = session.hostLabel ?? deps.hostLabel;
  const host = label ? label(plan.host) : plan.host;
  const createdAt = new Date(started);
  const writer = await deps.openBundle({
    dir: outDir,
    name: deps.bundleName({
      host,
      createdAt,
      ...(deps.caseNumber ? { caseNumber: deps.caseNumber } : {}),
    }),
  });
  try {
    // Two at a time keep both cores of a small server busy (the bundle writer reads ahead and
    // deflates in parallel by itself); more only adds buffers in memory.
    const concurrency = settings.collect?.concurrency ?? 2;
    const ran = await runTasks(planTasks(plan.items, prepared.window), {
      runId,
      concurrency,
      sink: writer,
      session,
      events: o.events,
      signal,
      skips: o.skips,
    });
    // Manifest items in plan order: collected and skipped side by side, as the plan listed them.
    const byId = new Map(ran.map((i) => [i.id, i]));
    const items: ManifestItem[] = plan.items.map((p) =>
      p.action === 'skip' ? skippedItem(p) : byId.get(p.id)!,
    );
    const sections: ReportFragment[] = [];
    for (const part of deps.parts) {
      if (part.id === 'system-report' && args.systemReport === false) continue;
      signal.throwIfAborted();
      const out = await part.write({ sink: writer, session, prepared, signal });
      items.push(...out.items);
      for (const item of out.items) o.events?.emit('collect:item', { runId, item });
      if (out.report) sections.push(out.report);
    }
    signal.throwIfAborted();
    const manifest: Manifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      tool: { name: 'casepack', version: toolVersion() },
      createdAt: createdAt.toISOString(),
      host: {
        name: host,
        platform: process.platform,
        ...(session.hostPseudonymized ? { pseudonymized: true } : {}),
      },
      profiles: plan.profiles.map((p) => ({
        name: p.name,
        source: p.source,
        sha256: p.sha256,
        ...(p.extends.length ? { extends: p.extends } : {}),
        applies: p.applies,
      })),
      window: plan.window,
      ...(deps.caseManifest
        ? { case: deps.caseManifest }
        : deps.caseNumber
          ? { case: { mode: 'update' as const, caseNumber: deps.caseNumber } }
          : {}),
      options: { systemReport: args.systemReport !== false },
      items,
      summary: { ...summarize(items, 0), durationMs: Date.now() - started },
      redaction: session.manifestSection?.() ?? { counts: session.totals() },
    };
    const caseJson = deps.caseJson ?? {};
    const render = (m: Manifest) => deps.renderReport({ manifest: m, caseJson, sections });
    const done = await writer.finish({ manifest, caseJson, reportHtml: render(manifest) });
    // The fail-closed leak check reads the written bundle back (core/node/redact/collect-leak.ts).
    const check = await session.checkBundle?.({
      bundle: done.path,
      manifest,
      caseJson,
      render,
      signal,
    });
    const result: CollectResult = {
      bundle: path.resolve(done.path),
      size: check?.size ?? done.size,
      ...(check ? { releasable: check.releasable, leaks: check.findings } : {}),
      runId,
      window: plan.window,
      profiles: plan.profiles.map((p) => p.name),
      summary: summarize(items, Date.now() - started),
      warnings: [...warnings, ...(deps.caseWarnings?.(manifest) ?? [])],
    };
    o.events?.emit('collect:done', { runId, bundle: result.bundle });
    return result;
  } catch (e) {
    await writer.abort().catch(() => undefined);
    const err = e instanceof SinkError ? e.cause : e;
    o.events?.emit('collect:done', {
      runId,
      error: err instanceof Error ? err.message : String(err),
    });
    if (signal.aborted && !isCasepackError(err))
      throw new CasepackError('cancelled', 'collection cancelled: no bundle was written');
    throw err;
  } finally {
    session.close?.();
  }
}
