// Whether a profile applies on this host (`appliesWhen`): every condition given must hold. The
// answer comes with a reason a person can read ("/opt/igl does not exist").
import type { Profile } from '../../common/profile/schema.js';
import { expandVars } from '../../common/profile/vars.js';
import type { HostFacts } from './host-facts.js';
import { matchProcesses } from './proc.js';

export async function evaluateAppliesWhen(
  profile: Profile,
  facts: HostFacts,
  values: Record<string, string | undefined>,
): Promise<{ applies: boolean; reason: string }> {
  const w = profile.appliesWhen;
  if (!w) return { applies: true, reason: 'no conditions' };
  const held: string[] = [];
  const expand = (p: string) => {
    const e = expandVars(p, values);
    return e.ok ? e.value : undefined;
  };
  if (w.platform && !w.platform.includes(facts.platform as 'linux'))
    return { applies: false, reason: `for ${w.platform.join(', ')} (this is ${facts.platform})` };
  if (w.anyPathExists) {
    let found: string | undefined;
    for (const p of w.anyPathExists) {
      const e = expand(p);
      if (e && (await facts.exists(e))) {
        found = e;
        break;
      }
    }
    if (!found) return { applies: false, reason: `none of ${w.anyPathExists.join(', ')} exists` };
    held.push(`${found} exists`);
  }
  for (const p of w.allPathsExist ?? []) {
    const e = expand(p);
    if (!e || !(await facts.exists(e))) return { applies: false, reason: `${p} does not exist` };
  }
  if (w.allPathsExist) held.push(`${w.allPathsExist.join(', ')} exist`);
  if (w.anyEnv) {
    const set = w.anyEnv.find((n) => facts.env[n]);
    if (!set)
      return {
        applies: false,
        reason: `none of the environment variables ${w.anyEnv.join(', ')} is set`,
      };
    held.push(`${set} is set`);
  }
  if (w.anyProcess) {
    const procs = await facts.processes();
    const hit = w.anyProcess.find((s) => matchProcesses(procs, [s]).length > 0);
    if (!hit)
      return {
        applies: false,
        reason: `no running process matches ${w.anyProcess.map((s) => `"${s}"`).join(', ')}`,
      };
    held.push(`a process matches "${hit}"`);
  }
  if (w.platform) held.push(`runs on ${facts.platform}`);
  return { applies: true, reason: held.join('; ') };
}
