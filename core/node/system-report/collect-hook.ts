// The system report's part of `collect` (CollectDeps.systemReport): every profile in use, with its
// own resolved variables plus the built-ins (SINCE, UNTIL, HOST), into runSystemReport.
import type { SystemReportHook } from '../collect/collect.js';
import { builtinVars } from '../profiles/vars.js';
import { runSystemReport, type ProfileInUse } from './run.js';

export const systemReportHook: SystemReportHook = async (sink, session, { prepared, signal }) => {
  const builtins = builtinVars(prepared.window, prepared.plan.host);
  const profiles: ProfileInUse[] = prepared.profiles.map((lp) => {
    const planned = prepared.plan.profiles.find((p) => p.name === lp.name);
    const vars: Record<string, string | undefined> = { ...builtins };
    for (const [k, v] of Object.entries(planned?.vars ?? {})) vars[k] = v.value;
    return { name: lp.name, profile: lp.profile, vars };
  });
  const r = await runSystemReport(sink, session, profiles, { signal });
  return { items: r.items, html: r.html };
};
