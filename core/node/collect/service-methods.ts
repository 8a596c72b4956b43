// The collection methods of the service (core/common/api/collect.ts): one plain-object argument
// each, validated here, plain JSON back. CasepackService delegates to these; heavy modules load
// on first use so `casepack --help` stays fast.
import type { z } from 'zod';
import {
  collectArgsSchema,
  planArgsSchema,
  type CollectArgs,
  type CollectResult,
  type PlanArgs,
  type ProfilesReply,
} from '../../common/api/collect.js';
import type { CasepackEvents, TypedEmitter } from '../../common/events.js';
import type { Plan } from '../../common/collect/plan.js';
import { CasepackError } from '../../common/errors.js';
import type { LoadedSettings } from '../settings/store.js';
import { CollectRuns } from './collect-runs.js';
import type { ItemSkips } from './item-skips.js';

export interface CollectServiceContext {
  settings(): Promise<LoadedSettings>;
  events: TypedEmitter<CasepackEvents>;
  /** The data directory: never collected (site key, pseudonym mapping, outbox). */
  readonly dataDir: string;
}

/** Validate a method's argument; a bad argument is a usage error naming the field. */
export function parseArg<S extends z.ZodType>(schema: S, arg: unknown): z.output<S> {
  const r = schema.safeParse(arg ?? {});
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`);
  throw new CasepackError('usage', why.join('; '));
}

export async function plan(svc: CollectServiceContext, arg: PlanArgs): Promise<Plan> {
  const a = parseArg(planArgsSchema, arg);
  const [{ preparePlan }, { privatePaths }] = await Promise.all([
    import('./prepare.js'),
    import('../redact/own-secrets.js'),
  ]);
  const { settings } = await svc.settings();
  // The same forbidden paths as `collect`, so the plan shows what the collection will leave out.
  return (await preparePlan(settings, a, { forbid: await privatePaths(settings, svc.dataDir) }))
    .plan;
}

export async function profiles(svc: CollectServiceContext): Promise<ProfilesReply> {
  const { describeShippedProfiles } = await import('../profiles/describe.js');
  return { profiles: await describeShippedProfiles((await svc.settings()).settings) };
}

export async function collect(
  svc: CollectServiceContext,
  arg: CollectArgs,
  opts: { signal?: AbortSignal | undefined; runId?: string; skips?: ItemSkips } = {},
): Promise<CollectResult> {
  const a = parseArg(collectArgsSchema, arg);
  const [{ runCollect }, { defaultCollectDeps }, changes, { loadCollectCase, withCase }] =
    await Promise.all([
      import('./collect.js'),
      import('./deps.js'),
      import('../changes/collect-part.js'),
      import('../case/collect-case.js'),
    ]);
  // The case first: a broken case file stops here, before anything is collected.
  const kase = await loadCollectCase(a);
  const root = await changes.changesRoot(a.changesRoot, a.cwd);
  const { settings } = await svc.settings();
  const base = await defaultCollectDeps({
    settings,
    dataDir: svc.dataDir,
    pseudonymize: a.pseudonymize,
  });
  const deps = {
    ...base,
    parts: [...base.parts, changes.changesPart({ dataDir: svc.dataDir, root })],
  };
  return runCollect(settings, a, kase ? withCase(deps, kase) : deps, {
    events: svc.events,
    signal: opts.signal,
    runId: opts.runId,
    skips: opts.skips,
  });
}

// One registry of background runs per service (the UI's collectStart/Status/Skip/Cancel).
const registries = new WeakMap<CollectServiceContext, CollectRuns>();

export function collectRuns(svc: CollectServiceContext): CollectRuns {
  let r = registries.get(svc);
  if (!r)
    registries.set(svc, (r = new CollectRuns(svc.events, (args, o) => collect(svc, args, o))));
  return r;
}

/** Start a collection in the background; its argument is checked before it starts. */
export async function collectStart(svc: CollectServiceContext, arg: CollectArgs) {
  return collectRuns(svc).start(parseArg(collectArgsSchema, arg));
}
