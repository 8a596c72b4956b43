// From the caller's arguments and the settings file to a plan: which profiles (flag, else
// settings `collect.profiles`, else linux-host), which window (flags, else settings
// `collect.since`, else the last 72 hours), resolved on this host.
import type { Plan } from '../../common/collect/plan.js';
import { resolveWindow, type TimeWindow } from '../../common/time/window.js';
import { hostTimeZone, ZoneClock } from '../../common/time/zone.js';
import type { Settings } from '../../common/settings/schema.js';
import { hostFacts } from '../profiles/host-facts.js';
import { loadProfile, type LoadedProfile } from '../profiles/load.js';
import { buildPlan } from './plan.js';
import { switchOff } from './switch-off.js';

export const DEFAULT_PROFILE = 'linux-host';

export interface PrepareArgs {
  profiles?: string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Relative profile paths are resolved against this (default: the process's cwd). */
  cwd?: string | undefined;
  /** Plan item ids the user switched off. */
  exclude?: string[] | undefined;
}

export interface Prepared {
  plan: Plan;
  profiles: LoadedProfile[];
  window: TimeWindow;
}

export async function preparePlan(
  settings: Settings,
  args: PrepareArgs,
  opts: { now?: number; env?: NodeJS.ProcessEnv; signal?: AbortSignal; forbid?: string[] } = {},
): Promise<Prepared> {
  const now = opts.now ?? Date.now();
  const refs = args.profiles?.length
    ? args.profiles
    : (settings.collect?.profiles ?? [DEFAULT_PROFILE]);
  const profiles: LoadedProfile[] = [];
  for (const ref of refs) profiles.push(await loadProfile(ref, { cwd: args.cwd }));
  const hostZone = hostTimeZone();
  // Flags without a zone are read in the first profile's zone (else the host's), like its logs.
  const zone = new ZoneClock(profiles[0]?.profile.timezone ?? hostZone);
  const window = resolveWindow({
    since: args.since,
    until: args.until,
    defaultSince: settings.collect?.since,
    now,
    zone,
  });
  const plan = await buildPlan({
    profiles,
    window,
    facts: hostFacts(settings, opts.env),
    hostZone,
    now,
    signal: opts.signal,
    forbid: opts.forbid,
  });
  return { plan: switchOff(plan, args.exclude), profiles, window };
}
