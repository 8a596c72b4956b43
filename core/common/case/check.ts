// Is a case complete for its type? The one answer the CLI, the UI and the submitters share.
// Only missing or malformed *required* fields make a case incomplete; recommended fields are listed
// separately (for the intake and the UI) and warnings never block anything.
import { CASE_FIELD_KEYS, CASE_FIELDS, fieldValue, isGiven, type CaseFieldKey } from './fields.js';
import { fieldNeeds, type CaseTargetRules } from './rules.js';
import type { Case, CaseType, Severity } from './schema.js';
import { parseCaseTime } from './time.js';

export interface CaseProblem {
  key: CaseFieldKey;
  label: string;
  /** `missing`: not given; `invalid`: given but not usable (the message says why). */
  issue: 'missing' | 'invalid';
  /** What is wrong, e.g. `missing` or `"abc" is not an e-mail address`. */
  message: string;
  /** Why L1 needs it, in the customer's words. */
  why: string;
}

export interface CaseWarning {
  key?: CaseFieldKey;
  message: string;
}

export interface CaseCheckResult {
  /** True when every required field is given and usable. Only this blocks a submission. */
  complete: boolean;
  type?: CaseType;
  severity?: Severity;
  /** Required fields that are missing or unusable, in form order. */
  missing: CaseProblem[];
  /** Recommended fields not given yet (never printed by `case check`; the intake and UI offer them). */
  recommended: CaseProblem[];
  warnings: CaseWarning[];
}

export interface CheckOptions {
  /** The target the case goes to, when known: its case-number and reference-ID rules apply. */
  target?: CaseTargetRules;
  /** "Now", for the "in the future" warning (tests pin it). */
  now?: Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

/** A problem with a given value, or undefined when it is fine. */
function validate(key: CaseFieldKey, value: string, target: CaseTargetRules | undefined) {
  const where = target?.name ? `the target "${target.name}"` : 'the target';
  switch (key) {
    case 'contact.email':
      return EMAIL.test(value.trim()) ? undefined : `"${value}" is not an e-mail address`;
    case 'contact.phone':
    case 'contact.onCall.phone':
      return (value.match(/\d/g)?.length ?? 0) >= 5 && !/[a-z]{3}/i.test(value)
        ? undefined
        : `"${value}" does not look like a phone number`;
    case 'caseNumber':
    case 'referenceId': {
      const pattern = key === 'caseNumber' ? target?.caseNumberPattern : target?.referenceIdPattern;
      if (!pattern) return undefined;
      const re = anchored(pattern);
      if (!re) return `${where} has an invalid ${key} pattern in the settings: ${pattern}`;
      const hint = key === 'caseNumber' ? target?.caseNumberHint : target?.referenceIdHint;
      return re.test(value.trim())
        ? undefined
        : `"${value}" is not in the format ${where} expects (${hint ?? pattern})`;
    }
    default:
      return undefined;
  }
}

function warningsFor(c: Case, now: Date): CaseWarning[] {
  const out: CaseWarning[] = [];
  if (c.mode !== 'update' && (isGiven(c.caseNumber) || isGiven(c.referenceId)))
    out.push({
      key: 'caseNumber',
      message:
        'the case has a case number but mode is not "update": it will be sent as a new case ' +
        '(set mode: update, or use --case N, to add to the existing case)',
    });
  if (isGiven(c.startedAt)) {
    const t = parseCaseTime(c.startedAt!);
    if (t === undefined)
      out.push({
        key: 'startedAt',
        message: `"${c.startedAt}" is not a date casepack can read, so it cannot pick the log window from it (write e.g. 2026-11-27 09:30)`,
      });
    else if (t > now.getTime() + 60_000)
      out.push({ key: 'startedAt', message: `${c.startedAt} is in the future` });
  }
  if (c.summary && c.summary.length > 200)
    out.push({
      key: 'summary',
      message: `the summary has ${c.summary.length} characters; case systems cut titles at about 200`,
    });
  if (c.contact?.timeZone && !validTimeZone(c.contact.timeZone))
    out.push({
      key: 'contact.timeZone',
      message: `"${c.contact.timeZone}" is not a time zone name (write e.g. Europe/Berlin)`,
    });
  return out;
}

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Check a case against the rules for its type, severity, mode and (optionally) target. */
export function checkCase(c: Case, opts: CheckOptions = {}): CaseCheckResult {
  const needs = new Map(fieldNeeds(c, opts.target).map((n) => [n.key, n]));
  const missing: CaseProblem[] = [];
  const recommended: CaseProblem[] = [];
  const warnings = warningsFor(c, opts.now ?? new Date());
  for (const key of CASE_FIELD_KEYS) {
    const n = needs.get(key);
    const value = fieldValue(c, key);
    const label = CASE_FIELDS[key].label;
    if (!isGiven(value)) {
      if (n?.need === 'required')
        missing.push({ key, label, issue: 'missing', message: 'missing', why: n.why });
      else if (n?.need === 'recommended')
        recommended.push({ key, label, issue: 'missing', message: 'not given', why: n.why });
      continue;
    }
    if (typeof value !== 'string') continue;
    const bad = validate(key, value, opts.target);
    if (!bad) continue;
    const why = n?.why ?? '';
    if (n?.need === 'required') missing.push({ key, label, issue: 'invalid', message: bad, why });
    else warnings.push({ key, message: bad });
  }
  return {
    complete: missing.length === 0,
    ...(c.type ? { type: c.type } : {}),
    ...(c.severity ? { severity: c.severity } : {}),
    missing,
    recommended,
    warnings,
  };
}

/** One line for a problem, as `casepack case check` prints it: the key, what is wrong, and why. */
export function formatProblem(p: CaseProblem): string {
  return `${p.key}: ${p.message}. ${p.why}`;
}
