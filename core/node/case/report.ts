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
  // In the order L1 reads a case: what it is and how urgent, who to talk to, on what, what is
  // missing; then the problem in the customer's words.
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
  h.push(`<table class="kv case-facts">${facts.join('')}</table>`);
  const contact = rows(c, FIELD_GROUPS.contact);
  if (contact) h.push(`<h4>Contact</h4><table class="kv case-contact">${contact}</table>`);
  const platform = rows(c, FIELD_GROUPS.productPlatform);
  if (platform)
    h.push(`<h4>Product and platform</h4><table class="kv case-platform">${platform}</table>`);
  h.push(missingHtml(check, artifacts));
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
  return { id: 'case', title: 'Case', html: h.join('\n') };
}

/** Required fields the case lacks, then what its type needs in the bundle (present or not). */
function missingHtml(check: CaseCheckResult, artifacts: ArtifactCheckResult | undefined): string {
  const h: string[] = ['<h4>What is missing</h4>'];
  h.push(
    check.complete
      ? '<p class="case-complete">Every field this case type requires is given.</p>'
      : `<div class="case-missing"><p>Required fields missing or unusable (a submission is refused until they are given):</p><ul>${check.missing
          .map((p) => `<li><code>${e(p.key)}</code>: ${e(p.message)}. ${e(p.why)}</li>`)
          .join('')}</ul></div>`,
  );
  if (check.recommended.length)
    h.push(
      `<p>Recommended, not given: ${check.recommended.map((p) => e(p.label)).join(', ')}.</p>`,
    );
  if (artifacts && (artifacts.findings.length || artifacts.warnings.length)) {
    for (const w of artifacts.warnings) h.push(`<p class="warning">${e(w.message)}</p>`);
    h.push('<p>What this case type needs in the bundle:</p><ul class="case-artifacts">');
    for (const f of artifacts.findings)
      h.push(
        `<li class="${f.present ? 'ok' : f.need === 'required' ? 'missing' : 'absent'}">${f.present ? '&#x2714;' : '&#x2718;'} ${e(f.label)} (${f.need}${f.present ? ', in this bundle' : ', not in this bundle'})</li>`,
      );
    h.push('</ul>');
  }
  return h.join('\n');
}

/** Styles for the case section's own classes (colours from the report's palette). */
export const CASE_REPORT_CSS = `
.case-text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.case-missing, #case .warning { color: var(--bad); }
.case-complete { color: var(--ok); }
.case-artifacts { list-style: none; padding-left: 0; }
.case-artifacts .missing { color: var(--bad); font-weight: bold; }
.case-artifacts .absent { color: var(--warn); }
`;
