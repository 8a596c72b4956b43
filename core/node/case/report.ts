// The case as the first section of report.html: what a support engineer reads before anything
// else. Every value is escaped; text keeps its line breaks and its direction (dir="auto", so
// right-to-left descriptions read correctly). The case is shown as written, never pseudonymised.
import type { ArtifactCheckResult } from '../../common/case/artifacts.js';
import type { CaseCheckResult } from '../../common/case/check.js';
import { CASE_TYPE_INFO, SEVERITY_INFO } from '../../common/case/definitions.js';
import {
  CASE_FIELDS,
  FIELD_GROUPS,
  fieldText,
  fieldValue,
  isGiven,
  type CaseFieldKey,
} from '../../common/case/fields.js';
import type { Case } from '../../common/case/schema.js';
import { escapeHtml as e } from '../system-report/report-html.js';

export interface HtmlSection {
  id: string;
  title: string;
  html: string;
}

function value(key: CaseFieldKey, v: unknown): string {
  if (key === 'contact.email') return `<a href="mailto:${e(String(v))}">${e(String(v))}</a>`;
  return e(fieldText(key, v));
}

function rows(c: Case, keys: readonly CaseFieldKey[]): string {
  return keys
    .filter((k) => isGiven(fieldValue(c, k)))
    .map(
      (k) =>
        `<tr><th>${e(CASE_FIELDS[k].label)}</th><td dir="auto">${value(k, fieldValue(c, k))}</td></tr>`,
    )
    .join('');
}

const TEXTS: CaseFieldKey[] = [
  'description',
  'stepsToReproduce',
  'expected',
  'actual',
  'recentChanges',
  'businessImpact',
];

export function renderCaseSection(
  c: Case,
  check: CaseCheckResult,
  artifacts?: ArtifactCheckResult,
): HtmlSection {
  const h: string[] = [];
  const mode =
    c.mode === 'update'
      ? `Update of case <strong>${e(c.caseNumber ?? '(number missing)')}</strong>${c.referenceId ? `, reference <strong>${e(c.referenceId)}</strong>` : ''}`
      : 'New case';
  h.push(`<p class="case-mode">${mode}</p>`);
  h.push(`<h3 class="case-summary" dir="auto">${e(c.summary ?? '(no summary)')}</h3>`);
  const facts: string[] = [];
  if (c.type) facts.push(`<tr><th>Type</th><td>${e(CASE_TYPE_INFO[c.type].label)}</td></tr>`);
  if (c.severity)
    facts.push(
      `<tr><th>Severity</th><td><strong>${e(SEVERITY_INFO[c.severity].label)}</strong>: ${e(SEVERITY_INFO[c.severity].definition)}</td></tr>`,
    );
  facts.push(rows(c, ['startedAt', 'frequency']));
  h.push(`<table class="case-facts">${facts.join('')}</table>`);
  h.push(
    check.complete
      ? '<p class="case-complete">Complete: every field this case type requires is given.</p>'
      : `<div class="case-missing"><p>Missing required fields:</p><ul>${check.missing
          .map((p) => `<li><code>${e(p.key)}</code>: ${e(p.message)}. ${e(p.why)}</li>`)
          .join('')}</ul></div>`,
  );
  const contact = rows(c, FIELD_GROUPS.contact);
  if (contact) h.push(`<h4>Contact</h4><table class="case-contact">${contact}</table>`);
  const platform = rows(c, FIELD_GROUPS.productPlatform);
  if (platform)
    h.push(`<h4>Product and platform</h4><table class="case-platform">${platform}</table>`);
  for (const k of TEXTS) {
    const v = fieldValue(c, k);
    if (isGiven(v))
      h.push(
        `<h4>${e(CASE_FIELDS[k].label)}</h4><div class="case-text" dir="auto">${e(String(v))}</div>`,
      );
  }
  if (c.attachments?.length)
    h.push(
      `<h4>Attachments</h4><ul>${c.attachments
        .map(
          (a) =>
            `<li dir="auto"><code>${e(a.path)}</code>${a.description ? `: ${e(a.description)}` : ''}</li>`,
        )
        .join('')}</ul>`,
    );
  if (artifacts && (artifacts.findings.length || artifacts.warnings.length)) {
    h.push('<h4>What this case type needs in the bundle</h4><ul class="case-artifacts">');
    for (const f of artifacts.findings)
      h.push(
        `<li class="${f.present ? 'ok' : f.need === 'required' ? 'missing' : 'absent'}">${f.present ? '&#x2714;' : '&#x2718;'} ${e(f.label)} (${f.need})</li>`,
      );
    h.push('</ul>');
    for (const w of artifacts.warnings) h.push(`<p class="warning">${e(w.message)}</p>`);
  }
  return { id: 'case', title: 'Case', html: h.join('\n') };
}

/** Styles for the case and changes sections (the report's own stylesheet may override them). */
export const CASE_REPORT_CSS = `
.case-text, pre.diff { white-space: pre-wrap; overflow-wrap: anywhere; }
.case-missing, .warning { color: #8a1c00; }
.case-complete { color: #1d6b2a; }
.case-artifacts .missing { color: #8a1c00; font-weight: bold; }
pre.diff .add { color: #1d6b2a; } pre.diff .del { color: #8a1c00; } pre.diff .hunk { color: #555; }
`;
