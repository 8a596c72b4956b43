// Secrets in a path rather than in a file: `cache/token=ghp_.../state.json`, an upload stored
// under its access key. Each path component is redacted as a line of its own (a fresh state per
// component, every rule of the pack), so the result says which rules matched and what the name
// looks like with markers in place of the secrets.
import { LineRedactor } from './line-redactor.js';
import type { RedactionPack } from './pack.js';

export interface NameRedaction {
  /** The name with each secret replaced by its marker (equal to the name when nothing matched). */
  text: string;
  /** Marker names of the secrets found, in order. */
  rules: string[];
}

export function redactPathName(pack: RedactionPack, name: string): NameRedaction {
  const rules: string[] = [];
  const parts = name.split('/').map((part) => {
    if (part.length === 0) return part;
    const lines = new LineRedactor(pack.compiled.rules, { classifyKey: pack.classifyKey });
    const r = lines.redact(part);
    for (const s of r.spans) if (s.replacement === undefined) rules.push(s.rule);
    return r.changed ? r.text : part;
  });
  return { text: rules.length > 0 ? parts.join('/') : name, rules };
}
