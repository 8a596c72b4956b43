// `casepack case template`: a commented case file for one case type, to fill in by hand (for
// headless servers, or an engineer preparing a case for a customer). Required fields are present
// and empty; recommended ones are commented out; fields the type does not need are left out.
import { CASE_TYPE_INFO, SEVERITY_INFO } from '../../core/common/case/definitions.js';
import { CASE_FIELD_KEYS, CASE_FIELDS, type CaseFieldKey } from '../../core/common/case/fields.js';
import { fieldNeeds, type Need } from '../../core/common/case/rules.js';
import { caseTypeSchema, severitySchema } from '../../core/common/case/schema.js';
import { CasepackError } from '../../core/common/errors.js';

function wrapComment(text: string, indent: string, width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + 2 + line.length + 1 + word.length > width) {
      out.push(`${indent}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(`${indent}# ${line}`);
  return out;
}

export function caseTemplate(typeArg: string, severityArg?: string): string {
  const type = caseTypeSchema.safeParse(typeArg);
  if (!type.success)
    throw new CasepackError(
      'usage',
      `--type ${typeArg}: use one of ${caseTypeSchema.options.join(', ')}`,
    );
  const sev = severityArg === undefined ? undefined : severitySchema.safeParse(severityArg);
  if (sev && !sev.success)
    throw new CasepackError('usage', `--severity ${severityArg}: use one of P1, P2, P3, P4`);
  const needs = new Map(
    fieldNeeds({ type: type.data, severity: sev?.data }).map((n) => [n.key, n] as const),
  );
  const info = CASE_TYPE_INFO[type.data];
  const lines = [
    `# casepack case file: ${info.label}. ${info.help}`,
    '# Fill in the empty fields (all are required); the commented ones are recommended.',
    '# Check it with `casepack case check FILE`; docs/cases.md explains every field.',
    '',
    'mode: new # or "update", with caseNumber (and referenceId) of the existing case',
  ];
  const opened = new Set<string>();
  for (const key of CASE_FIELD_KEYS) {
    if (key === 'mode' || key === 'caseNumber' || key === 'referenceId') continue;
    const n = needs.get(key);
    if (!n || n.need === 'not-needed') continue;
    lines.push(...fieldLines(key, n.need, n.why, opened, type.data, sev?.data));
  }
  return `${lines.join('\n')}\n`;
}

function fieldLines(
  key: CaseFieldKey,
  need: Need,
  why: string,
  opened: Set<string>,
  type: string,
  severity: string | undefined,
): string[] {
  const out: string[] = [];
  const parts = key.split('.');
  const leaf = parts.pop()!;
  const off = need === 'recommended' ? '# ' : '';
  // Open each parent mapping once (`contact:`); a parent with only recommended children stays a
  // comment too, so the file still loads.
  for (let i = 0; i < parts.length; i++) {
    const p = parts.slice(0, i + 1).join('.');
    if (opened.has(p)) continue;
    opened.add(p);
    out.push(`${'  '.repeat(i)}${off}${parts[i]}:`);
  }
  const indent = '  '.repeat(parts.length);
  if (key === 'severity') {
    out.push('');
    for (const s of Object.values(SEVERITY_INFO))
      out.push(...wrapComment(`${s.label}: ${s.definition}`, indent));
  }
  if (need === 'required') out.push(...wrapComment(why, indent));
  const input = CASE_FIELDS[key].input;
  const value =
    key === 'type'
      ? ` ${type}`
      : key === 'severity' && severity
        ? ` ${severity}`
        : input === 'lines'
          ? ' |'
          : '';
  const hint = CASE_FIELDS[key].hint;
  const tail = need === 'recommended' ? ` # ${why}` : hint ? ` # ${hint}` : '';
  out.push(`${indent}${off}${leaf}:${value}${tail}`);
  if (input === 'lines' && need === 'required') out.push(`${indent}  `);
  return out;
}
