// `casepack case show`: the case as L1 will read it, then what it still needs.
import type { CaseCheckResult } from '../../core/common/case/check.js';
import { CASE_TYPE_INFO, SEVERITY_INFO } from '../../core/common/case/definitions.js';
import {
  CASE_FIELDS,
  FIELD_GROUPS,
  fieldText,
  fieldValue,
  isGiven,
  type CaseFieldKey,
} from '../../core/common/case/fields.js';
import type { Case } from '../../core/common/case/schema.js';

const GROUPS: Array<{ title: string; keys: readonly CaseFieldKey[] }> = [
  { title: 'Contact', keys: FIELD_GROUPS.contact },
  { title: 'Product and platform', keys: FIELD_GROUPS.productPlatform },
  { title: 'Problem', keys: FIELD_GROUPS.problem },
];

function block(label: string, value: string): string {
  const lines = value.split('\n');
  if (lines.length === 1) return `  ${label}: ${value}\n`;
  return `  ${label}:\n${lines.map((l) => `    ${l}`).join('\n')}\n`;
}

export function renderCaseText(c: Case, check: CaseCheckResult): string {
  let out = '';
  out +=
    c.mode === 'update'
      ? `Update of case ${c.caseNumber ?? '(number missing)'}${c.referenceId ? `, reference ${c.referenceId}` : ''}\n`
      : 'New case\n';
  if (c.summary) out += `Summary: ${c.summary}\n`;
  if (c.type) out += `Type: ${CASE_TYPE_INFO[c.type].label}. ${CASE_TYPE_INFO[c.type].help}\n`;
  if (c.severity)
    out += `Severity: ${SEVERITY_INFO[c.severity].label}. ${SEVERITY_INFO[c.severity].definition}\n`;
  for (const g of GROUPS) {
    const rows = g.keys
      .map((k) => [k, fieldValue(c, k)] as const)
      .filter(([, v]) => isGiven(v))
      .map(([k, v]) => block(CASE_FIELDS[k].label, fieldText(k, v)));
    if (rows.length) out += `\n${g.title}\n${rows.join('')}`;
  }
  out += '\n';
  out += check.complete
    ? 'Complete: every field this case type requires is given.\n'
    : `Missing (required):\n${check.missing.map((p) => `  - ${p.key}: ${p.message}. ${p.why}\n`).join('')}`;
  if (check.recommended.length)
    out += `Recommended, not given yet:\n${check.recommended.map((p) => `  - ${p.label} (${p.key}): ${p.why}\n`).join('')}`;
  if (check.warnings.length)
    out += `Warnings:\n${check.warnings.map((w) => `  - ${w.key ? `${w.key}: ` : ''}${w.message}\n`).join('')}`;
  return out;
}
