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
    const pseudo = m.host.pseudonymized
      ? '<p>Host names, addresses and other identifying values were replaced by keyed pseudonyms (h-..., d-....example, u-..., kw-...); only the customer can map them back with <code>casepack pseudonyms lookup</code>.</p>'
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
