// `--set FIELD=VALUE` (repeatable, on `case new` and `collect`): dotted case fields given on the
// command line, turned into a case patch checked by the same schema as a case file, so a wrong
// field or value is refused with the field's name before anything is asked or collected.
import { CasepackError } from '../errors.js';
import { CASE_FIELD_KEYS, CASE_FIELDS, type CaseFieldKey } from './fields.js';
import { caseSchema, type Case } from './schema.js';

const KNOWN = new Set<string>(CASE_FIELD_KEYS);

function usage(message: string, where: string): CasepackError {
  return new CasepackError('usage', `--set ${message}`, where);
}

/** A list field (`product.patches`, `attachments`) takes comma-separated values, as the prompts do. */
function rawValue(key: CaseFieldKey, raw: string): unknown {
  const input = CASE_FIELDS[key].input;
  if (input === 'list' || input === 'files')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return raw;
}

/** Parse `FIELD=VALUE` assignments (later ones win) into a validated case patch. */
export function parseCaseSets(assignments: readonly string[]): Case {
  const patch: Record<string, unknown> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const key = (eq < 0 ? a : a.slice(0, eq)).trim();
    if (!KNOWN.has(key))
      throw usage(
        `${key || a}: unknown case field; use one of ${CASE_FIELD_KEYS.join(', ')}`,
        key || a,
      );
    if (eq < 0) throw usage(`${key}: give a value as ${key}=VALUE`, key);
    let obj = patch;
    const parts = key.split('.');
    for (const p of parts.slice(0, -1)) obj = (obj[p] ??= {}) as Record<string, unknown>;
    obj[parts[parts.length - 1]!] = rawValue(key as CaseFieldKey, a.slice(eq + 1));
  }
  const parsed = caseSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.filter((p) => typeof p === 'string').join('.');
    throw usage(`${where}: ${issue.message}`, where);
  }
  return parsed.data;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `patch` over `base`: nested parts (contact, product, platform) merged field by field. */
export function applyCasePatch(base: Case, patch: Case): Case {
  const merge = (b: Record<string, unknown>, p: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...b };
    for (const [k, v] of Object.entries(p)) {
      if (v === undefined) continue;
      out[k] = isPlain(v) && isPlain(b[k]) ? merge(b[k], v) : v;
    }
    return out;
  };
  return merge(base, patch) as Case;
}
