// Reading and writing one field of the case draft by its dotted key (`contact.email`), immutably.
import type { CaseInput } from '../../../core/common/case/schema.js';

export type Draft = CaseInput;

export function getField(d: Draft, key: string): string {
  let v: unknown = d;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return '';
    v = (v as Record<string, unknown>)[part];
  }
  if (Array.isArray(v)) return v.join(key === 'product.patches' ? ', ' : '\n');
  return v === undefined || v === null ? '' : String(v);
}

function setIn(
  obj: Record<string, unknown>,
  parts: string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = parts as [string, ...string[]];
  const out = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = out[head];
  const next = setIn(
    child && typeof child === 'object' ? (child as Record<string, unknown>) : {},
    rest,
    value,
  );
  if (Object.keys(next).length === 0) delete out[head];
  else out[head] = next;
  return out;
}

/** Set a text field; an empty text removes the key so the draft stays clean. */
export function setField(d: Draft, key: string, text: string): Draft {
  let value: unknown = text === '' ? undefined : text;
  if (key === 'product.patches' && text !== '')
    value = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return setIn(d as Record<string, unknown>, key.split('.'), value) as Draft;
}

/** Fill fields the user has not written from what casepack detected or remembered. */
export function withDefaults(d: Draft, defaults: Record<string, unknown>, prefix = ''): Draft {
  let out = d;
  for (const [k, v] of Object.entries(defaults)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v))
      out = withDefaults(out, v as Record<string, unknown>, key);
    else if (typeof v === 'string' && v !== '' && getField(out, key) === '')
      out = setField(out, key, v);
  }
  return out;
}
