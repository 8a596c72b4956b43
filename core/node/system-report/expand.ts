// `${NAME}` in product version sources and checks, from the profile's resolved variables.
export type Expanded = { ok: true; value: string } | { ok: false; missing: string[] };

export function expandVars(
  text: string,
  vars: Readonly<Record<string, string | undefined>>,
): Expanded {
  const missing: string[] = [];
  const value = text.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) missing.push(name);
    return v ?? '';
  });
  return missing.length ? { ok: false, missing: [...new Set(missing)] } : { ok: true, value };
}

/** The message for variables that did not resolve. */
export function missingVarsReason(missing: string[]): string {
  return `${missing.length > 1 ? 'variables' : 'variable'} ${missing.map((m) => '${' + m + '}').join(', ')} not resolved`;
}
