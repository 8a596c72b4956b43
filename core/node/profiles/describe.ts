// `casepack profiles`: every shipped profile, whether it applies on this host and why.
import type { ProfileInfo } from '../../common/api/collect.js';
import { errorMessage } from '../../common/errors.js';
import type { Settings } from '../../common/settings/schema.js';
import { DEFAULT_SINCE, resolveWindow } from '../../common/time/window.js';
import { ZoneClock } from '../../common/time/zone.js';
import { evaluateAppliesWhen } from './applies.js';
import { hostFacts } from './host-facts.js';
import { listShippedProfiles, loadProfile, shippedProfilesDir } from './load.js';
import { builtinVars, resolveVars } from './vars.js';
import path from 'node:path';

export async function describeShippedProfiles(settings: Settings): Promise<ProfileInfo[]> {
  const facts = hostFacts(settings);
  const window = resolveWindow({ since: DEFAULT_SINCE, now: Date.now(), zone: new ZoneClock() });
  const builtins = builtinVars(window, facts.hostname);
  const out: ProfileInfo[] = [];
  for (const name of await listShippedProfiles()) {
    try {
      const lp = await loadProfile(name);
      const vars = await resolveVars(lp.profile, facts, builtins);
      const values: Record<string, string | undefined> = { ...builtins };
      for (const [k, v] of Object.entries(vars)) values[k] = v.value;
      const a = await evaluateAppliesWhen(lp.profile, facts, values);
      out.push({
        name: lp.name,
        ...(lp.profile.description ? { description: lp.profile.description } : {}),
        file: lp.file,
        applies: a.applies,
        reason: a.reason,
      });
    } catch (e) {
      out.push({
        name,
        file: path.join(shippedProfilesDir(), `${name}.yaml`),
        applies: false,
        reason: 'cannot be loaded',
        error: errorMessage(e),
      });
    }
  }
  return out;
}
