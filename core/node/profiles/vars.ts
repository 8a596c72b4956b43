// Resolving a profile's `vars` on this host. Each var tries its sources in a fixed order: env
// (first set and non-empty), settings key, candidate paths (first that exists), running process
// (its PID). A var that resolves nowhere stays undefined, and the items using it are skipped with
// the reason (what was tried).
import type { PlanVar } from '../../common/collect/plan.js';
import type { Profile } from '../../common/profile/schema.js';
import { expandVars } from '../../common/profile/vars.js';
import type { TimeWindow } from '../../common/time/window.js';
import { settingAt, type HostFacts } from './host-facts.js';
import { matchProcesses } from './proc.js';

export function builtinVars(window: TimeWindow, hostname: string): Record<string, string> {
  return {
    SINCE: new Date(window.since).toISOString(),
    UNTIL: new Date(window.until).toISOString(),
    SINCE_EPOCH: String(Math.floor(window.since / 1000)),
    UNTIL_EPOCH: String(Math.floor(window.until / 1000)),
    HOST: hostname,
  };
}

export async function resolveVars(
  profile: Profile,
  facts: HostFacts,
  builtins: Record<string, string>,
): Promise<Record<string, PlanVar>> {
  const out: Record<string, PlanVar> = {};
  // Values so far: a var's candidate paths may use built-ins and vars declared before it.
  const known: Record<string, string | undefined> = { ...builtins };
  for (const [name, spec] of Object.entries(profile.vars)) {
    const tried: string[] = [];
    let res: PlanVar | undefined;
    for (const e of spec.env ?? []) {
      tried.push(`env ${e}`);
      const v = facts.env[e];
      if (v) {
        res = { value: v, from: `env ${e}` };
        break;
      }
    }
    if (!res && spec.setting) {
      tried.push(`setting ${spec.setting}`);
      const v = settingAt(facts.settings, spec.setting);
      if (v) res = { value: v, from: `setting ${spec.setting}` };
    }
    if (!res && spec.paths) {
      for (const p of spec.paths) {
        const e = expandVars(p, known);
        tried.push(`path ${p}`);
        if (e.ok && (await facts.exists(e.value))) {
          res = { value: e.value, from: `path ${p}` };
          break;
        }
      }
    }
    if (!res && spec.process) {
      tried.push(
        `a process whose command line contains ${spec.process.argvContains.map((s) => `"${s}"`).join(' and ')}`,
      );
      const [p] = matchProcesses(await facts.processes(), spec.process.argvContains);
      if (p) res = { value: String(p.pid), from: `process ${p.pid}` };
    }
    out[name] = res ?? {
      reason: tried.length ? `not found (tried ${tried.join(', ')})` : 'no source given',
    };
    known[name] = res?.value;
  }
  return out;
}
