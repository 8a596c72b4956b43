// The redaction report in report.html: what was removed (counts per rule and per file, never a
// value), what was pseudonymised, what was copied untouched, and how to read the markers.
import type { ReportContext, ReportSection } from '../bundle/report/section.js';
import { REPORT_ORDER } from '../bundle/report/section.js';
import { escapeHtml } from '../bundle/report/html.js';

export const redactionReportSection: ReportSection = {
  id: 'redaction',
  title: 'Redaction',
  order: REPORT_ORDER.redaction,
  html(ctx: ReportContext): string {
    const m = ctx.manifest;
    const totals = m.redaction?.counts ?? {};
    const rows = Object.entries(totals).sort((a, b) => b[1] - a[1]);
    const files = m.items
      .filter(
        (i) => i.redaction && (Object.keys(i.redaction.counts).length > 0 || i.redaction.skipped),
      )
      .map((i) => {
        const n = Object.values(i.redaction!.counts).reduce((a, b) => a + b, 0);
        const what = i.redaction!.skipped
          ? `not redacted (${escapeHtml(i.redaction!.skipped)})`
          : Object.entries(i.redaction!.counts)
              .map(([r, c]) => `${escapeHtml(r)} ${c}`)
              .join(', ');
        return `<tr><td>${escapeHtml(i.path ?? i.source)}</td><td>${n}</td><td>${what}</td></tr>`;
      });
    const cats = m.redaction?.pseudonymized ?? (m.host.pseudonymized ? ['hosts'] : []);
    const pseudo = cats.length
      ? `<p>Identifying values (${cats.map(escapeHtml).join(', ')}) were replaced by keyed pseudonyms (h-..., d-....example, u-..., user-..., kw-..., addresses of the same kind); only the customer can map them back with <code>casepack pseudonyms lookup</code>.</p>`
      : '';
    return [
      '<p>Secrets are replaced by <code>[REDACTED:rule]</code>; the key names and the layout of every file stay as they were. Values are never shown here.</p>',
      pseudo,
      rows.length === 0
        ? '<p>Nothing was redacted.</p>'
        : `<table><thead><tr><th>rule</th><th>values removed</th></tr></thead><tbody>${rows.map(([r, c]) => `<tr><td>${escapeHtml(r)}</td><td>${c}</td></tr>`).join('')}</tbody></table>`,
      files.length === 0
        ? ''
        : `<h3>Per file</h3><table><thead><tr><th>entry</th><th>values</th><th>rules</th></tr></thead><tbody>${files.join('')}</tbody></table>`,
    ].join('\n');
  },
};

/**
 * At the top of report.html when the collection's leak check found something: where (entry, line,
 * rule; never the value), and that the bundle will not be sent.
 */
export const leakReportSection: ReportSection = {
  id: 'leaks',
  title: 'Not releasable: possible secrets left in this bundle',
  order: -100,
  html(ctx: ReportContext): string {
    const leaks = ctx.manifest.redaction?.leaks ?? [];
    if (leaks.length === 0) return '';
    const rows = leaks
      .map(
        (l) =>
          `<tr><td>${escapeHtml(l.entry)}</td><td>${l.line}</td><td>${escapeHtml(l.rule)}</td></tr>`,
      )
      .join('');
    return [
      `<p><strong>After this bundle was written, casepack's leak check found ${leaks.length} place${leaks.length === 1 ? '' : 's'} that may still hold a secret or, with pseudonyms on, this host's own name or address.</strong> No submitter will send it and <code>casepack verify</code> fails on it. Look at the places below, add a rule or a keep entry (see docs/redaction.md), and collect again.</p>`,
      `<table><thead><tr><th>entry</th><th>line</th><th>rule</th></tr></thead><tbody>${rows}</tbody></table>`,
    ].join('\n');
  },
};
