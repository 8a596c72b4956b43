// How `extends` combines a profile with its base (docs/profiles.md, "extends"): the base comes
// first; the child's scalars win; vars merge by name; files, commands and checks merge by id (a
// child entry with a base entry's id replaces it in place, others are appended); forbid, redaction
// keep and keywords are unions; redaction rules merge by id.
import type { Profile } from './schema.js';

function byId<T extends { id: string }>(base: readonly T[], child: readonly T[]): T[] {
  const out = [...base];
  for (const item of child) {
    const i = out.findIndex((b) => b.id === item.id);
    if (i >= 0) out[i] = item;
    else out.push(item);
  }
  return out;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

export function mergeProfiles(base: Profile, child: Profile): Profile {
  const redaction =
    base.redaction || child.redaction
      ? {
          rules: byId(base.redaction?.rules ?? [], child.redaction?.rules ?? []),
          keep: union(base.redaction?.keep ?? [], child.redaction?.keep ?? []),
          keywords: union(base.redaction?.keywords ?? [], child.redaction?.keywords ?? []),
        }
      : undefined;
  const merged: Profile = {
    ...base,
    ...child,
    extends: undefined,
    appliesWhen: child.appliesWhen ?? base.appliesWhen,
    timezone: child.timezone ?? base.timezone,
    product: child.product ?? base.product,
    description: child.description ?? base.description,
    vars: { ...base.vars, ...child.vars },
    files: byId(base.files, child.files),
    commands: byId(base.commands, child.commands),
    checks: byId(base.checks, child.checks),
    forbid: union(base.forbid, child.forbid),
    redaction,
  };
  return merged;
}
