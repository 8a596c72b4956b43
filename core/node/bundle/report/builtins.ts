// The sections every report.html has, drawn from the manifest and case.json alone: the overview,
// the case (until the case module plugs in its own), health checks, what is missing or cut,
// redaction counts, and the index of every item.
import type { ManifestItem } from '../../../common/manifest/schema.js';
import { formatBytes, formatDuration } from '../../../common/units.js';
import { describeWindow, redactionTotal } from '../describe.js';
import { entryHref, escapeHtml as e, keyValues, table } from './html.js';
import { REPORT_ORDER, type ReportContext, type ReportSection } from './section.js';

const dataItems = (ctx: ReportContext) => ctx.manifest.items.filter((i) => i.type !== 'meta');

function counts(items: ManifestItem[]): Record<ManifestItem['status'], number> {
  const c = { collected: 0, truncated: 0, skipped: 0, failed: 0 };
  for (const i of items) c[i.status]++;
  return c;
}

function statusBadge(status: string): string {
  return `<span class="status status-${e(status)}">${e(status)}</span>`;
}

function windowText(ctx: ReportContext): string {
  const w = ctx.manifest.window;
  return `${e(w.since)} to ${e(w.until)} (${e(w.timezone)}); applies to log files only`;
}

const overview: ReportSection = {
  id: 'overview',
  title: 'Overview',
  order: REPORT_ORDER.overview,
  html(ctx) {
    const m = ctx.manifest;
    const items = dataItems(ctx);
    const c = counts(items);
    const bytes = items.reduce((n, i) => n + (i.size ?? 0), 0);
    const caseText = m.case?.caseNumber
      ? `update of case <strong>${e(m.case.caseNumber)}</strong>${m.case.referenceId ? `, reference ${e(m.case.referenceId)}` : ''}`
      : 'new case (no case number yet)';
    const rows: Array<[string, string]> = [
      ['Case', caseText],
      [
        'Host',
        `${e(m.host.name)}${m.host.platform ? ` (${e(m.host.platform)})` : ''}${m.host.pseudonymized ? ' <em>pseudonymised</em>' : ''}`,
      ],
      ['Created', e(m.createdAt)],
      ['Profiles', m.profiles.map((p) => e(p.name)).join(', ') || '<em>none</em>'],
      ['Time window', windowText(ctx)],
      [
        'Items',
        `${items.length}: ${c.collected} collected, ${c.truncated} truncated, ${c.skipped} skipped, ${c.failed} failed`,
      ],
      ['Content', `${e(formatBytes(bytes))} before compression`],
      ['Tool', `casepack ${e(m.tool.version)}, bundle format ${e(m.formatVersion)}`],
    ];
    if (m.summary?.durationMs !== undefined)
      rows.push(['Collection took', e(formatDuration(m.summary.durationMs))]);
    return keyValues(rows);
  },
};

/** case.json as written, field by field (the case module's own section replaces this one). */
const caseSection: ReportSection = {
  id: 'case',
  title: 'Case',
  order: REPORT_ORDER.case,
  html(ctx) {
    const rows = flatten(ctx.caseJson, '');
    if (rows.length === 0) return '<p>No case details were given with this bundle.</p>';
    return keyValues(rows.map(([k, v]) => [k, `<div class="text">${e(v)}</div>`]));
  },
};

function flatten(v: unknown, prefix: string): Array<[string, string]> {
  if (v === null || v === undefined || v === '') return [];
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null))
      return [[prefix, v.map(String).join(', ')]];
    return v.flatMap((x, i) => flatten(x, `${prefix}[${i + 1}]`));
  }
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
      flatten(x, prefix ? `${prefix}.${k}` : k),
    );
  return [[prefix || 'value', String(v)]];
}

/** Health checks from the manifest (the system report's section shows its own, richer table). */
const checks: ReportSection = {
  id: 'checks',
  title: 'Health checks',
  order: REPORT_ORDER.checks,
  html(ctx) {
    const list = ctx.manifest.items.filter((i) => i.type === 'check');
    if (list.length === 0) return '';
    return table(
      ['result', 'check', 'detail'],
      list.map((i) => {
        const result = typeof i.result === 'string' ? i.result : i.status;
        return [
          statusBadge(result),
          e(i.spec ?? i.source),
          `<span dir="auto">${e(i.reason ?? '')}</span>`,
        ];
      }),
      'checks',
    );
  },
};

const attention: ReportSection = {
  id: 'attention',
  title: 'Missing or cut',
  order: REPORT_ORDER.attention,
  html(ctx) {
    const list = dataItems(ctx).filter((i) => i.status !== 'collected');
    if (list.length === 0) return '<p>Every item was collected whole.</p>';
    return table(
      ['status', 'item', 'reason'],
      list.map((i) => [
        statusBadge(i.status),
        source(i),
        `<span dir="auto">${e(i.reason ?? '')}</span>`,
      ]),
    );
  },
};

const redaction: ReportSection = {
  id: 'redaction',
  title: 'Redaction',
  order: REPORT_ORDER.redaction,
  html(ctx) {
    const totals = ctx.manifest.redaction?.counts;
    const perItem = dataItems(ctx).filter((i) => i.redaction);
    if (!totals && perItem.length === 0) return '';
    const rules = Object.entries(totals ?? {}).sort((a, b) => b[1] - a[1]);
    const total = rules.reduce((n, [, c]) => n + c, 0);
    const parts: string[] = [
      total === 0
        ? '<p>The redaction rules in use found nothing to replace.</p>'
        : `<p>${total} value${total === 1 ? '' : 's'} replaced. Counts per rule (the values themselves are never kept):</p>` +
          table(
            ['rule', 'replaced'],
            rules.map(([r, c]) => [`<code>${e(r)}</code>`, `<span class="num">${c}</span>`]),
          ),
    ];
    const skipped = perItem.filter((i) => i.redaction?.skipped);
    if (skipped.length)
      parts.push(
        '<p>Not redacted (review these before sending):</p>' +
          table(
            ['item', 'why'],
            skipped.map((i) => [source(i), e(i.redaction!.skipped)]),
          ),
      );
    const busiest = perItem
      .map((i) => ({ i, n: redactionTotal(i) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)
      .slice(0, 20);
    if (busiest.length)
      parts.push(
        '<p>Items with the most replacements:</p>' +
          table(
            ['item', 'replaced'],
            busiest.map(({ i, n }) => [source(i), `<span class="num">${n}</span>`]),
          ),
      );
    return parts.join('\n');
  },
};

const index: ReportSection = {
  id: 'index',
  title: 'Every item',
  order: REPORT_ORDER.index,
  html(ctx) {
    const list = ctx.manifest.items;
    if (list.length === 0) return '<p>The bundle holds no items.</p>';
    return table(
      ['status', 'type', 'entry in the bundle', 'source', 'size', 'time window', 'took', 'reason'],
      list.map((i) => [
        statusBadge(i.status),
        e(i.kind ? `${i.type} (${i.kind})` : i.type),
        i.path ? `<a href="${entryHref(i.path)}" dir="auto">${e(i.path)}</a>` : '&mdash;',
        `<span dir="auto">${e(i.source)}</span>`,
        i.size === undefined
          ? ''
          : `<span class="num" title="${i.size} bytes">${e(formatBytes(i.size))}</span>`,
        windowCell(i),
        i.durationMs === undefined ? '' : e(formatDuration(i.durationMs)),
        `<span dir="auto">${e(i.reason ?? '')}</span>`,
      ]),
      'index',
    );
  },
};

function source(i: ManifestItem): string {
  const where = i.path ? `<a href="${entryHref(i.path)}">${e(i.path)}</a>` : '';
  return `<span dir="auto">${e(i.source)}</span>${where && i.path !== i.source ? `<br><small>${where}</small>` : ''}`;
}

function windowCell(i: ManifestItem): string {
  return i.window ? `<small>${e(describeWindow(i.window))}</small>` : '';
}

export const BUILTIN_SECTIONS: readonly ReportSection[] = [
  overview,
  caseSection,
  checks,
  attention,
  redaction,
  index,
];
