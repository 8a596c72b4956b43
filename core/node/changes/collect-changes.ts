// The "recent changes" part of a collection (L1's "recent modifications to the system
// configuration or environment"): configuration diffs against each profile's latest baseline, or
// without one the configuration files modified in the window; package history; kernel, JVM and OS
// updates; product patches; new or changed cron jobs and services. Written under `changes/`.
import { lstat } from 'node:fs/promises';
import type { Plan, PlanFileItem } from '../../common/collect/plan.js';
import { emptyChanges, type ChangesSummary, type FileEvent } from '../../common/changes/summary.js';
import { errorMessage } from '../../common/errors.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import { hostTimeZone, ZoneClock } from '../../common/time/zone.js';
import type { EntrySink } from '../bundle/types.js';
import type { RedactionSession } from '../redact/types.js';
import { latestBaseline, type ConfigSource } from './baseline-store.js';
import { diffConfigAgainstBaseline } from './config-diff.js';
import { cronChanges, eventFor, serviceChanges, type Window } from './file-events.js';
import { packageHistory } from './package-history.js';
import type { DiffPreview } from './report.js';

export interface ChangesInput {
  plan: Pick<Plan, 'profiles' | 'items'>;
  dataDir: string;
  /** Where the host's /var/log, /etc and /var/spool are ('/' unless inspecting another system). */
  root?: string;
  window: Window;
  session: RedactionSession;
  sink: EntrySink;
}

export interface ChangesOutput {
  summary: ChangesSummary;
  items: ManifestItem[];
  /** Diff entry -> its first lines, for report.html. */
  previews: Map<string, DiffPreview>;
}

/** A profile's configuration files in the plan: those it will read, and those it will not (why). */
export function configOf(plan: Pick<Plan, 'items'>, profile: string) {
  const files: ConfigSource[] = [];
  const skipped: Array<{ path: string; spec: string; reason: string }> = [];
  for (const it of plan.items) {
    if (it.profile !== profile || it.type !== 'file' || it.kind !== 'config') continue;
    if (it.action === 'collect')
      files.push({ path: it.source, spec: it.spec, maxBytes: it.maxBytes });
    else skipped.push({ path: it.source, spec: it.spec, reason: it.reason });
  }
  return { files, skipped };
}

const PATCH_SPEC = /patch|hotfix|fix-?pack/i;

async function changedInWindow(
  items: PlanFileItem[],
  w: Window,
  kind: FileEvent['kind'],
): Promise<FileEvent[]> {
  const out: FileEvent[] = [];
  for (const it of items) {
    const st = await lstat(it.source).catch(() => undefined);
    const ev = st && eventFor(it.source, st, w, kind);
    if (ev) out.push({ ...ev, profile: it.profile });
  }
  return out;
}

async function addJson(
  sink: EntrySink,
  items: ManifestItem[],
  name: string,
  source: string,
  data: string,
) {
  const r = await sink.addBuffer(name, data);
  items.push({
    id: `changes-${items.length + 1}`,
    type: 'change',
    source,
    path: name,
    size: r.size,
    sha256: r.sha256,
    status: 'collected',
  });
}

export async function collectChanges(i: ChangesInput): Promise<ChangesOutput> {
  const root = i.root ?? '/';
  const w = i.window;
  const summary = emptyChanges({
    since: new Date(w.since).toISOString(),
    until: new Date(w.until).toISOString(),
  });
  const items: ManifestItem[] = [];
  const used = new Set<string>();
  const previews = new Map<string, DiffPreview>();
  const fileItems = i.plan.items.filter(
    (x): x is PlanFileItem => x.type === 'file' && x.action === 'collect',
  );

  for (const p of i.plan.profiles) {
    const { files, skipped } = configOf(i.plan, p.name);
    if (files.length === 0 && skipped.length === 0) continue;
    const { found, notes } = await latestBaseline(i.dataDir, p.name);
    summary.baselineNotes.push(...notes);
    if (!found) {
      summary.baselineNotes.push(
        `no baseline for profile ${p.name}: configuration files modified in the window are listed instead ` +
          `(run \`casepack snapshot --profile ${p.name}\` to compare against a known-good state next time)`,
      );
      const cfg = fileItems.filter((x) => x.profile === p.name && x.kind === 'config');
      summary.configModified.push(...(await changedInWindow(cfg, w, 'config')));
      continue;
    }
    summary.baselines.push({
      profile: p.name,
      createdAt: found.baseline.createdAt,
      toolVersion: found.baseline.tool.version,
      formatVersion: found.baseline.formatVersion,
      files: found.baseline.files.length,
    });
    const d = await diffConfigAgainstBaseline({
      profile: p.name,
      baseline: found,
      files,
      skipped,
      session: i.session,
      sink: i.sink,
      used,
      previews,
    });
    summary.config.push(...d.changes);
    items.push(...d.items);
  }
  summary.patches = await changedInWindow(
    fileItems.filter((x) => PATCH_SPEC.test(x.spec)),
    w,
    'patch',
  );

  const history = await packageHistory({
    root,
    since: w.since,
    until: w.until,
    zone: new ZoneClock(hostTimeZone()),
  });
  const red = (s: string, id: string) =>
    i.session.redactText(s, { id, source: 'package history' }).text;
  summary.packages = history.events;
  summary.packagesOmitted = history.omitted;
  summary.aptTransactions = history.transactions.map((t) => ({
    ...t,
    ...(t.commandline ? { commandline: red(t.commandline, 'apt-commandline') } : {}),
    ...(t.requestedBy ? { requestedBy: red(t.requestedBy, 'apt-requested-by') } : {}),
  }));
  summary.packageSources = history.sources;
  if (history.sources.length === 0)
    summary.notes.push('no package manager history found (dpkg, apt, rpm)');

  for (const [what, scan] of [
    ['cron', cronChanges],
    ['services', serviceChanges],
  ] as const) {
    try {
      const r = await scan(root, w);
      summary[what] = r.events;
      if (r.omitted) summary.notes.push(`${r.omitted} more ${what} changes not listed`);
    } catch (e) {
      summary.notes.push(`${what}: not checked (${errorMessage(e)})`);
    }
  }

  if (history.raw.length)
    await addJson(
      i.sink,
      items,
      'changes/package-history.txt',
      'package history',
      red(`${history.raw.join('\n')}\n`, 'package-history'),
    );
  await addJson(
    i.sink,
    items,
    'changes/summary.json',
    'recent changes',
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  return { summary, items, previews };
}
