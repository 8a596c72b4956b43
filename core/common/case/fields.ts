// The case's fields by their dotted key, with a label and what kind of input they take, so the CLI
// intake, the UI and the messages all name a field the same way.
import { CONTACT_CHANNEL_LABELS, FREQUENCY_LABELS } from './definitions.js';
import type { Case, CaseAttachment } from './schema.js';

export const CASE_FIELD_KEYS = [
  'mode',
  'caseNumber',
  'referenceId',
  'contact.name',
  'contact.email',
  'contact.phone',
  'contact.organization',
  'contact.preferredChannel',
  'contact.timeZone',
  'contact.onCall.name',
  'contact.onCall.phone',
  'product.name',
  'product.version',
  'product.patches',
  'platform.os',
  'platform.version',
  'platform.architecture',
  'platform.javaVersion',
  'type',
  'severity',
  'summary',
  'description',
  'stepsToReproduce',
  'expected',
  'actual',
  'startedAt',
  'frequency',
  'recentChanges',
  'businessImpact',
  'attachments',
] as const;
export type CaseFieldKey = (typeof CASE_FIELD_KEYS)[number];

const keysFrom = (first: CaseFieldKey, last: CaseFieldKey): CaseFieldKey[] =>
  CASE_FIELD_KEYS.slice(CASE_FIELD_KEYS.indexOf(first), CASE_FIELD_KEYS.indexOf(last) + 1);

/** The fields as they are shown together (case show, report.html, the UI's form). */
export const FIELD_GROUPS = {
  contact: keysFrom('contact.name', 'contact.onCall.phone'),
  productPlatform: keysFrom('product.name', 'platform.javaVersion'),
  problem: keysFrom('description', 'attachments'),
} as const;

/** How a field is entered: one line, several lines, a choice, a list of values. */
export type FieldInput =
  'text' | 'lines' | 'email' | 'phone' | 'datetime' | 'choice' | 'list' | 'files';

export interface CaseFieldInfo {
  key: CaseFieldKey;
  label: string;
  input: FieldInput;
  /** A short hint for the person filling it in. */
  hint?: string;
}

const F = (key: CaseFieldKey, label: string, input: FieldInput, hint?: string): CaseFieldInfo =>
  hint === undefined ? { key, label, input } : { key, label, input, hint };

export const CASE_FIELDS: Record<CaseFieldKey, CaseFieldInfo> = {
  mode: F('mode', 'New case or update', 'choice'),
  caseNumber: F('caseNumber', 'Case number', 'text', 'the number of the existing case'),
  referenceId: F('referenceId', 'Reference ID', 'text', 'the reference sent with the case'),
  'contact.name': F('contact.name', 'Contact name', 'text'),
  'contact.email': F('contact.email', 'E-mail', 'email'),
  'contact.phone': F('contact.phone', 'Phone', 'phone', 'with country code, e.g. +49 30 1234567'),
  'contact.organization': F('contact.organization', 'Organisation', 'text'),
  'contact.preferredChannel': F('contact.preferredChannel', 'Preferred channel', 'choice'),
  'contact.timeZone': F('contact.timeZone', 'Time zone', 'text', 'e.g. Europe/Berlin'),
  'contact.onCall.name': F('contact.onCall.name', '24x7 contact: name', 'text'),
  'contact.onCall.phone': F('contact.onCall.phone', '24x7 contact: phone', 'phone'),
  'product.name': F('product.name', 'Product', 'text'),
  'product.version': F('product.version', 'Product version', 'text'),
  'product.patches': F('product.patches', 'Patches installed', 'list', 'comma-separated'),
  'platform.os': F('platform.os', 'Operating system', 'text'),
  'platform.version': F('platform.version', 'OS version', 'text'),
  'platform.architecture': F('platform.architecture', 'Architecture', 'text'),
  'platform.javaVersion': F('platform.javaVersion', 'Java version', 'text'),
  type: F('type', 'Case type', 'choice'),
  severity: F('severity', 'Severity', 'choice'),
  summary: F('summary', 'Summary', 'text', 'one line; it becomes the case title'),
  description: F('description', 'Description', 'lines'),
  stepsToReproduce: F('stepsToReproduce', 'Steps to reproduce', 'lines', 'one step per line'),
  expected: F('expected', 'Expected result', 'lines'),
  actual: F('actual', 'Actual result', 'lines', 'error messages word for word'),
  startedAt: F('startedAt', 'When it started', 'datetime', 'e.g. 2026-11-27 09:30'),
  frequency: F('frequency', 'How often', 'choice'),
  recentChanges: F('recentChanges', 'What changed recently', 'lines'),
  businessImpact: F('businessImpact', 'Business impact', 'lines'),
  attachments: F('attachments', 'Attachments', 'files', 'test cases, screenshots, exports'),
};

/** The value at a dotted key (undefined when any part is missing). */
export function fieldValue(c: Case, key: CaseFieldKey): unknown {
  let v: unknown = c;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A field counts as given when it holds something other than blanks (an empty list is not given). */
export function isGiven(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** A field's value as plain text for people: labels for choices, lists joined, one attachment a line. */
export function fieldText(key: CaseFieldKey, v: unknown): string {
  if (key === 'contact.preferredChannel')
    return CONTACT_CHANNEL_LABELS[v as keyof typeof CONTACT_CHANNEL_LABELS] ?? String(v);
  if (key === 'frequency') return FREQUENCY_LABELS[v as keyof typeof FREQUENCY_LABELS] ?? String(v);
  if (key === 'attachments')
    return (v as CaseAttachment[])
      .map((a) => (a.description ? `${a.path} (${a.description})` : a.path))
      .join('\n');
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}
