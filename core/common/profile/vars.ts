// `${NAME}` in a profile's paths, argv, cwd and env. Values come from the profile's `vars` (resolved
// on the host by core/node/profiles/vars.ts) and a few built-ins every profile may use.

/** Always defined: the window as ISO-8601 UTC and as epoch seconds, and the host name. */
export const BUILTIN_VARS = ['SINCE', 'UNTIL', 'SINCE_EPOCH', 'UNTIL_EPOCH', 'HOST'] as const;

// Var names are upper case, so `${Package}` (dpkg-query's own format) is left alone; `$${NAME}`
// writes a literal `${NAME}`.
const REF = /\$(\$?)\{([A-Z][A-Z0-9_]*)\}/g;

/** Names referenced as `${NAME}` in a string. */
export function varsIn(s: string): string[] {
  return [...s.matchAll(REF)].filter((m) => !m[1]).map((m) => m[2]!);
}

export type Expansion = { ok: true; value: string } | { ok: false; missing: string[] };

/** Replace every `${NAME}`; names without a value are reported, not left in place. */
export function expandVars(
  s: string,
  values: Readonly<Record<string, string | undefined>>,
): Expansion {
  const missing: string[] = [];
  const value = s.replace(REF, (_m, escaped: string, name: string) => {
    if (escaped) return `\${${name}}`;
    const v = values[name];
    if (v === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return v;
  });
  return missing.length ? { ok: false, missing } : { ok: true, value };
}

/** Expand a list; reports every missing name. */
export function expandAll(
  list: readonly string[],
  values: Readonly<Record<string, string | undefined>>,
): { ok: true; values: string[] } | { ok: false; missing: string[] } {
  const out: string[] = [];
  const missing: string[] = [];
  for (const s of list) {
    const e = expandVars(s, values);
    if (e.ok) out.push(e.value);
    else for (const m of e.missing) if (!missing.includes(m)) missing.push(m);
  }
  return missing.length ? { ok: false, missing } : { ok: true, values: out };
}
