// The system report and health checks as an HTML fragment for report.html: a summary a support
// engineer reads first, the checks, then every section (collapsed) as tables. A pure function of
// the redacted data; every value is escaped.
import { formatBytes } from '../../common/units.js';
import type { CheckResult } from './checks/types.js';
import type { SectionOutcome } from './types.js';

const MAX_ROWS = 200;

export function escapeHtml(s: unknown): string {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Json = string | number | boolean | null | undefined | Json[] | { [k: string]: Json };

function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cell(key: string, v: Json): string {
  if (typeof v === 'number' && /bytes$/i.test(key)) return `${escapeHtml(formatBytes(v))}`;
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return escapeHtml(v);
  return renderValue(v);
}

/**
 * Short lists read better on one line: `10.0.0.2, 10.0.0.3`, and small records as
 * `master (20770), smtpd (20776)`. Undefined when the list is not that simple.
 */
function inlineList(v: Json[]): string | undefined {
  if (v.length > 20) return undefined;
  if (v.every((x) => x === null || typeof x !== 'object'))
    return v.map((x) => String(x ?? '')).join(', ');
  if (!v.every(isRecord)) return undefined;
  const rows = v as Array<Record<string, Json>>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (
    keys.length > 2 ||
    rows.some((r) => Object.values(r).some((x) => x !== null && typeof x === 'object'))
  )
    return undefined;
  return rows
    .map((r) => {
      const [a, b] = keys.map((k) => r[k]);
      return b === undefined ? String(a ?? '') : `${String(a ?? '')} (${String(b)})`;
    })
    .join(', ');
}

/** Any JSON value as nested tables; arrays of objects become one table with a column per key. */
export function renderValue(v: Json, depth = 0): string {
  if (!isRecord(v) && !Array.isArray(v)) return cell('', v);
  if (depth > 4) return `<code>${escapeHtml(JSON.stringify(v))}</code>`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '<em>none</em>';
    const inline = inlineList(v);
    if (inline !== undefined) return escapeHtml(inline);
    const more = v.length > MAX_ROWS ? `<p>… ${v.length - MAX_ROWS} more in the JSON file</p>` : '';
    const rows = v.slice(0, MAX_ROWS);
    if (rows.every(isRecord)) {
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
      const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('');
      const body = rows
        .map(
          (r) =>
            `<tr>${keys.map((k) => `<td>${cell(k, (r as Record<string, Json>)[k])}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
    }
    return `<ul>${rows.map((x) => `<li>${renderValue(x, depth + 1)}</li>`).join('')}</ul>${more}`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '<em>none</em>';
  return `<table class="kv"><tbody>${entries
    .map(
      ([k, x]) =>
        `<tr><th>${escapeHtml(k)}</th><td>${isRecord(x) || Array.isArray(x) ? renderValue(x, depth + 1) : cell(k, x)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function get(sections: SectionOutcome[], id: string): Record<string, Json> | undefined {
  return sections.find((s) => s.id === id && s.status === 'collected')?.data as
    Record<string, Json> | undefined;
}

function summaryRows(sections: SectionOutcome[]): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const product = get(sections, 'product');
  for (const p of (product?.products as Array<Record<string, Json>> | undefined) ?? [])
    rows.push(['Product', `${p.name ?? ''} ${p.version ?? `(version unknown: ${p.error ?? ''})`}`]);
  const os = get(sections, 'os');
  if (os) {
    rows.push(['Host', String(os.fqdn ?? os.hostname ?? '')]);
    rows.push(['OS', `${os.distribution ?? os.platform ?? ''} (${os.architecture ?? ''})`]);
    rows.push(['Kernel', String(os.kernel ?? '')]);
  }
  const up = get(sections, 'uptime');
  if (up && isRecord(up.load))
    rows.push([
      'Uptime, load',
      `${up.uptimeHuman} (since ${up.bootedAt}); load ${up.load['1m']} / ${up.load['5m']} / ${up.load['15m']} on ${up.cpus} CPUs`,
    ]);
  const mem = get(sections, 'memory');
  if (mem && typeof mem.totalBytes === 'number')
    rows.push([
      'Memory',
      `${mem.usedPercent}% used of ${formatBytes(mem.totalBytes)}; swap ${formatBytes(Number(mem.swapUsedBytes ?? 0))} used`,
    ]);
  const fs = get(sections, 'filesystems');
  if (fs) {
    const w = (fs.warnings as string[] | undefined) ?? [];
    rows.push(['Disks', w.length ? w.join('; ') : 'no file system is 90% full or read-only']);
  }
  const time = get(sections, 'time');
  if (time && isRecord(time.clockSync))
    rows.push([
      'Time',
      `${time.timezone} (UTC${time.utcOffset}); clock synchronised: ${time.clockSync.synchronized}`,
    ]);
  const java = get(sections, 'java');
  const rts = (java?.runtimes as Array<Record<string, Json>> | undefined) ?? [];
  if (java)
    rows.push([
      'Java',
      rts.length ? rts.map((r) => `${r.version ?? '?'} (${r.home})`).join('; ') : 'none found',
    ]);
  const failed = sections.filter((s) => s.status === 'failed');
  if (failed.length)
    rows.push(['Not collected', failed.map((s) => `${s.title}: ${s.reason ?? ''}`).join('; ')]);
  return rows;
}

export function renderChecksHtml(checks: CheckResult[]): string {
  if (checks.length === 0) return '<p>No health checks were declared by the profiles in use.</p>';
  const rows = checks
    .map(
      (c) =>
        `<tr class="check-${escapeHtml(c.status)}"><td><strong>${escapeHtml(c.status.toUpperCase())}</strong></td><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.description ?? '')}</td><td>${escapeHtml(c.message)}</td></tr>`,
    )
    .join('');
  return `<table class="checks"><thead><tr><th>result</th><th>check</th><th>what</th><th>detail</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The report.html fragment: summary, health checks, then each section. */
export function renderSystemReportHtml(sections: SectionOutcome[], checks: CheckResult[]): string {
  const summary = summaryRows(sections)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const details = sections
    .map((s) => {
      const id = `system-${escapeHtml(s.id)}`;
      if (s.status === 'failed')
        return `<details id="${id}"><summary>${escapeHtml(s.title)}: <strong>not collected</strong> (${escapeHtml(s.reason ?? '')})</summary></details>`;
      const {
        section: _s,
        title: _t,
        collectedAt: _c,
        durationMs: _d,
        notes,
        ...data
      } = (s.data ?? {}) as Record<string, Json>;
      const noteHtml =
        Array.isArray(notes) && notes.length
          ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
          : '';
      return `<details id="${id}"><summary>${escapeHtml(s.title)} <small>(system/${escapeHtml(s.id)}.json)</small></summary>${noteHtml}${renderValue(data)}</details>`;
    })
    .join('\n');
  return [
    '<section class="system-report">',
    '<h2>System at a glance</h2>',
    `<table class="kv summary"><tbody>${summary}</tbody></table>`,
    '<h2>Health checks</h2>',
    renderChecksHtml(checks),
    '<h2>System report</h2>',
    details,
    '</section>',
  ].join('\n');
}
