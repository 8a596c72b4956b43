// The plan (dry run): profiles + vars + host -> the exact list of files and commands a collection
// will take, with estimated sizes, and everything left out with the reason. `casepack plan` prints
// it; `collect` runs it. Building it opens no file: it lists directories and stats paths only.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  planTotals,
  type Plan,
  type PlanCommandItem,
  type PlanFileItem,
  type PlanItem,
  type PlanProfile,
  type PlanSkipItem,
} from '../../common/collect/plan.js';
import type { CommandSpec, FileSpec } from '../../common/profile/schema.js';
import { expandAll } from '../../common/profile/vars.js';
import type { TimeWindow } from '../../common/time/window.js';
import { formatDuration } from '../../common/units.js';
import { evaluateAppliesWhen } from '../profiles/applies.js';
import type { HostFacts } from '../profiles/host-facts.js';
import type { LoadedProfile } from '../profiles/load.js';
import { builtinVars, resolveVars } from '../profiles/vars.js';
import { globList, walkGlob } from './walk.js';
import { which } from './which.js';

/** Never collected, whatever a profile says (secrets are the redactor's job; these are only secrets). */
export const BUILTIN_FORBID = [
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/security/opasswd',
  '/etc/ssh/ssh_host_*_key',
  '**/.ssh/id_!(*.pub)',
];

const DIR_BY_KIND = { log: 'logs', config: 'config', other: 'files' } as const;

export interface PlanInput {
  profiles: LoadedProfile[];
  window: TimeWindow;
  facts: HostFacts;
  /** Zone of log timestamps without one, unless the profile sets `timezone`. */
  hostZone: string;
  now: number;
  signal?: AbortSignal;
  /** Forbid globs besides the built-in ones and the profiles' (casepack's own data, secrets). */
  forbid?: readonly string[] | undefined;
}

type Values = Record<string, string | undefined>;

const humanDuration = (ms: number) =>
  ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : formatDuration(ms);

function missingReason(missing: string[], vars: PlanProfile['vars']): string {
  return missing
    .map((m) => `variable ${m} did not resolve${vars[m]?.reason ? `: ${vars[m]!.reason}` : ''}`)
    .join('; ');
}

export async function buildPlan(input: PlanInput): Promise<Plan> {
  const { window, facts } = input;
  const builtins = builtinVars(window, facts.hostname);
  const items: PlanItem[] = [];
  const profiles: PlanProfile[] = [];
  const seenFiles = new Set<string>();
  const seenIds = new Map<string, string>();

  // Resolve every profile's vars first: forbid rules from any profile apply to all of them.
  const resolved = [];
  for (const lp of input.profiles) {
    const vars = await resolveVars(lp.profile, facts, builtins);
    const values: Values = { ...builtins };
    for (const [k, v] of Object.entries(vars)) values[k] = v.value;
    const applies = await evaluateAppliesWhen(lp.profile, facts, values);
    profiles.push({
      name: lp.name,
      source: lp.file,
      sha256: lp.sha256,
      extends: lp.chain,
      applies: applies.applies,
      appliesReason: applies.reason,
      vars,
    });
    resolved.push({ lp, vars, values });
  }
  const forbidPatterns = [...BUILTIN_FORBID, ...(input.forbid ?? [])];
  for (const r of resolved) {
    const e = expandAll(r.lp.profile.forbid, r.values);
    // A forbid rule whose var did not resolve cannot match anything on this host.
    if (e.ok) forbidPatterns.push(...e.values);
    else forbidPatterns.push(...r.lp.profile.forbid.filter((f) => expandAll([f], r.values).ok));
  }
  const forbidden = globList(forbidPatterns);

  for (const { lp, vars, values } of resolved) {
    const tz = lp.profile.timezone ?? input.hostZone;
    const uniqueId = (id: string, spec: unknown): string | undefined => {
      const key = JSON.stringify(spec);
      const prev = seenIds.get(id);
      if (prev === undefined) {
        seenIds.set(id, key);
        return id;
      }
      if (prev === key) return undefined; // the same entry from a shared base profile
      const renamed = `${lp.name}.${id}`;
      seenIds.set(renamed, key);
      return renamed;
    };
    for (const spec of lp.profile.files) {
      const specId = uniqueId(spec.id, spec);
      if (specId === undefined) continue;
      items.push(
        ...(await planFiles(spec, specId, lp.name, tz, {
          values,
          vars,
          forbidden,
          seenFiles,
          input,
        })),
      );
    }
    for (const spec of lp.profile.commands) {
      const specId = uniqueId(spec.id, spec);
      if (specId === undefined) continue;
      items.push(await planCommand(spec, specId, lp.name, values, vars, facts));
    }
  }

  return {
    createdAt: new Date(input.now).toISOString(),
    host: facts.hostname,
    window: {
      since: new Date(window.since).toISOString(),
      until: new Date(window.until).toISOString(),
      timezone: window.timezone,
    },
    profiles,
    items,
    totals: planTotals(items),
  };
}

interface FileCtx {
  values: Values;
  vars: PlanProfile['vars'];
  forbidden: (p: string) => string | undefined;
  seenFiles: Set<string>;
  input: PlanInput;
}

async function planFiles(
  spec: FileSpec,
  specId: string,
  profile: string,
  timezone: string,
  c: FileCtx,
): Promise<PlanItem[]> {
  const skip = (
    source: string,
    status: 'skipped' | 'failed',
    reason: string,
    id = `${specId}:${source}`,
  ): PlanSkipItem => ({
    type: 'file',
    action: 'skip',
    id,
    spec: specId,
    profile,
    kind: spec.kind,
    source,
    status,
    reason,
  });
  const paths = expandAll(spec.paths, c.values);
  if (!paths.ok)
    return [skip(spec.paths.join(', '), 'skipped', missingReason(paths.missing, c.vars), specId)];
  const excl = expandAll(spec.exclude, c.values);
  const excluded = globList(excl.ok ? excl.values : []);
  const out: PlanItem[] = [];
  const candidates: PlanFileItem[] = [];
  const window = spec.window ?? spec.kind === 'log';
  let matched = 0;
  for (const pattern of paths.values) {
    for await (const e of walkGlob(pattern, { signal: c.input.signal })) {
      matched++;
      if (e.type === 'loop') {
        out.push(skip(e.path, 'skipped', e.reason));
        continue;
      }
      if (e.type === 'error') {
        out.push(skip(e.path, 'failed', e.reason));
        continue;
      }
      const rule = c.forbidden(e.path);
      if (rule) {
        out.push(skip(e.path, 'skipped', `forbidden by the rule "${rule}"`));
        continue;
      }
      if (excluded(e.path)) continue;
      if (e.type === 'special') {
        out.push(skip(e.path, 'skipped', `not a regular file (${e.what}): never opened`));
        continue;
      }
      const real = await realpath(e.path).catch(() => e.path);
      const realRule = real !== e.path ? c.forbidden(real) : undefined;
      if (realRule) {
        out.push(skip(e.path, 'skipped', `a link to ${real}, forbidden by the rule "${realRule}"`));
        continue;
      }
      if (c.seenFiles.has(real)) continue;
      c.seenFiles.add(real);
      const st = e.stat;
      if (spec.maxAge !== undefined && st.mtimeMs < c.input.now - spec.maxAge) {
        out.push(
          skip(e.path, 'skipped', `not modified within maxAge ${humanDuration(spec.maxAge)}`),
        );
        continue;
      }
      const overSkip = !window && st.size > spec.maxBytes && spec.overLimit === 'skip';
      if (overSkip) {
        out.push(
          skip(
            e.path,
            'skipped',
            `${st.size} bytes is over maxBytes ${spec.maxBytes} (overLimit: skip)`,
          ),
        );
        continue;
      }
      const likelyOutside = window && st.mtimeMs < c.input.window.since;
      candidates.push({
        type: 'file',
        action: 'collect',
        id: `${specId}:${e.path}`,
        spec: specId,
        profile,
        kind: spec.kind,
        source: e.path,
        ...(real !== e.path ? { realPath: real } : {}),
        path: path.posix.join(spec.bundleDir ?? DIR_BY_KIND[spec.kind], e.path.replace(/^\/+/, '')),
        size: st.size,
        mtime: st.mtime.toISOString(),
        estimatedBytes: likelyOutside ? 0 : Math.min(st.size, spec.maxBytes),
        maxBytes: spec.maxBytes,
        overLimit: spec.overLimit,
        window,
        timezone,
      });
    }
  }
  if (matched === 0) return [skip(paths.values.join(', '), 'skipped', 'nothing matches', specId)];
  // Over maxFiles: the newest files are kept.
  candidates.sort((a, b) => (a.mtime < b.mtime ? 1 : a.mtime > b.mtime ? -1 : 0));
  for (const [i, f] of candidates.entries()) {
    if (i < spec.maxFiles) out.push(f);
    else
      out.push(
        skip(
          f.source,
          'skipped',
          `over maxFiles ${spec.maxFiles} for ${specId}: older files left out`,
        ),
      );
  }
  return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

async function planCommand(
  spec: CommandSpec,
  specId: string,
  profile: string,
  values: Values,
  vars: PlanProfile['vars'],
  facts: HostFacts,
): Promise<PlanCommandItem | PlanSkipItem> {
  const skip = (status: 'skipped' | 'failed', reason: string, argv = spec.argv): PlanSkipItem => ({
    type: 'command',
    action: 'skip',
    id: specId,
    spec: specId,
    profile,
    source: specId,
    argv,
    status,
    reason,
  });
  const needed = (spec.when?.vars ?? []).filter((v) => values[v] === undefined);
  if (needed.length) return skip('skipped', missingReason(needed, vars));
  const envEntries = Object.entries(spec.env ?? {});
  const all = expandAll([...spec.argv, spec.cwd ?? '', ...envEntries.map(([, v]) => v)], values);
  if (!all.ok) return skip('skipped', missingReason(all.missing, vars));
  const argv = all.values.slice(0, spec.argv.length);
  const cwd = spec.cwd ? all.values[spec.argv.length] : undefined;
  const envValues = all.values.slice(spec.argv.length + 1);
  if (spec.when?.anyPathExists) {
    const ps = expandAll(spec.when.anyPathExists, values);
    let any = false;
    for (const p of ps.ok ? ps.values : []) if (await facts.exists(p)) any = true;
    if (!any) return skip('skipped', `none of ${spec.when.anyPathExists.join(', ')} exists`, argv);
  }
  if (!(await which(argv[0]!, facts.env.PATH))) {
    return skip(spec.optional ? 'skipped' : 'failed', `command not found: ${argv[0]}`, argv);
  }
  return {
    type: 'command',
    action: 'collect',
    id: specId,
    spec: specId,
    profile,
    source: specId,
    argv,
    ...(cwd ? { cwd } : {}),
    ...(envEntries.length
      ? { env: Object.fromEntries(envEntries.map(([k], i) => [k, envValues[i]!])) }
      : {}),
    timeoutMs: spec.timeout,
    maxBytes: spec.maxBytes,
    optional: spec.optional,
    path: spec.output ?? `commands/${specId}.txt`,
    estimatedBytes: Math.min(spec.maxBytes, 64 * 1024),
  };
}
