// "Recent changes" in report.html: configuration diffs (shown inline, so the reader needs nothing
// else open), package updates grouped as L1 asks about them (kernel, Java, OS, the rest), product
// patches, cron jobs and services. Every value is escaped.
import type { ChangesSummary, FileEvent, PackageEvent } from '../../common/changes/summary.js';
import type { HtmlSection } from '../case/report.js';
import { escapeHtml as e } from '../system-report/report-html.js';

/** Styles for the section's own classes (colours from the report's palette). */
export const CHANGES_REPORT_CSS = `
pre.diff { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line);
  padding: .4rem; background: var(--head); }
pre.diff .add { color: var(--ok); } pre.diff .del { color: var(--bad); }
pre.diff .hunk { color: var(--muted); }
#recent-changes .note { color: var(--muted); }
`;

/** Lines of each diff shown inline; the whole diff is in the bundle. */
export const INLINE_DIFF_LINES = 200;

/** The first lines of a diff, for the report (the whole diff stays in the bundle). */
export interface DiffPreview {
  head: string[];
  totalLines: number;
}

export function diffPreview(text: string): DiffPreview {
  const lines = text.replace(/\n$/, '').split('\n');
  return { head: lines.slice(0, INLINE_DIFF_LINES), totalLines: lines.length };
}

function diffHtml(p: DiffPreview): string {
  const shown = p.head.map((l) => {
    const cls = l.startsWith('@@')
      ? 'hunk'
      : l.startsWith('+') && !l.startsWith('+++')
        ? 'add'
        : l.startsWith('-') && !l.startsWith('---')
          ? 'del'
          : '';
    return cls ? `<span class="${cls}">${e(l)}</span>` : e(l);
  });
  const more =
    p.totalLines > p.head.length ? `\n... ${p.totalLines - p.head.length} more lines` : '';
  return `<pre class="diff">${shown.join('\n')}${e(more)}</pre>`;
}

const CATEGORY: Array<[PackageEvent['category'], string]> = [
  ['kernel', 'Kernel updates'],
  ['jvm', 'Java (JVM) updates'],
  ['os', 'Operating system updates'],
  ['package', 'Other packages'],
];

function packageRows(events: PackageEvent[]): string {
  return events
    .map(
      (p) =>
        `<tr><td>${e(p.time)}</td><td>${e(p.action)}</td><td>${e(p.name)}${p.arch ? `:${e(p.arch)}` : ''}</td><td>${e(p.from ?? '')}</td><td>${e(p.to ?? '')}</td></tr>`,
    )
    .join('');
}

function fileEvents(title: string, list: FileEvent[]): string {
  if (!list.length) return '';
  return `<h4>${e(title)}</h4><table><tr><th>when</th><th></th><th>file</th></tr>${list
    .map(
      (f) => `<tr><td>${e(f.time)}</td><td>${f.change}</td><td><code>${e(f.path)}</code></td></tr>`,
    )
    .join('')}</table>`;
}

/** Package lists longer than this are folded (<details>) in the report. */
const FOLD_PACKAGES = 20;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One sentence on what changed, for the top of the section. */
export function changesOverview(s: ChangesSummary): string {
  const parts: string[] = [];
  if (s.baselines.length) {
    const n = (k: ChangesSummary['config'][number]['change']) =>
      s.config.filter((c) => c.change === k).length;
    parts.push(
      s.config.length
        ? `since the baseline: ${plural(n('modified'), 'configuration file')} modified, ${n('added')} added, ${n('removed')} removed, ${n('unreadable')} not comparable`
        : 'no configuration file changed since the baseline',
    );
  } else
    parts.push(
      `${plural(s.configModified.length, 'configuration file')} modified in the window (no baseline)`,
    );
  const kernel = s.packages.filter((p) => p.category === 'kernel').length;
  const jvm = s.packages.filter((p) => p.category === 'jvm').length;
  const total = s.packages.length + s.packagesOmitted;
  parts.push(
    `${plural(total, 'package change')}${total ? ` (kernel ${kernel}, Java ${jvm})` : ''}`,
    `${plural(s.patches.length, 'product patch', 'product patches')}`,
    `${plural(s.cron.length, 'cron job')} and ${plural(s.services.length, 'service')} new or changed`,
  );
  const text = `${parts.join('; ')}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `diffs`: entry name -> the diff's first lines, for inline display. */
export function renderChangesSection(
  s: ChangesSummary,
  diffs: ReadonlyMap<string, DiffPreview>,
): HtmlSection {
  const h: string[] = [
    `<p class="changes-summary">${e(changesOverview(s))}</p>`,
    `<p>Window: ${e(s.window.since)} to ${e(s.window.until)}.</p>`,
  ];
  h.push('<h4>Configuration</h4>');
  for (const b of s.baselines)
    h.push(
      `<p>Profile <strong>${e(b.profile)}</strong>: compared with the baseline taken ${e(b.createdAt)} (casepack ${e(b.toolVersion)}, ${b.files} files).</p>`,
    );
  for (const n of s.baselineNotes) h.push(`<p class="note">${e(n)}</p>`);
  if (s.baselines.length && !s.config.length)
    h.push('<p>No configuration file changed since the baseline.</p>');
  for (const c of s.config) {
    const counts = c.linesAdded !== undefined ? ` (+${c.linesAdded} -${c.linesRemoved})` : '';
    h.push(
      `<p><code>${e(c.path)}</code>: <strong>${e(c.change)}</strong>${counts}${c.note ? `: ${e(c.note)}` : ''}${c.diff ? ` (<code>${e(c.diff)}</code>)` : ''}</p>`,
    );
    const d = c.diff ? diffs.get(c.diff) : undefined;
    if (d) h.push(diffHtml(d));
  }
  h.push(fileEvents('Configuration files modified in the window', s.configModified));
  h.push(fileEvents('Product patches installed in the window', s.patches));

  h.push('<h4>Packages</h4>');
  if (!s.packages.length)
    h.push('<p>No package was installed, updated or removed in the window.</p>');
  for (const [cat, title] of CATEGORY) {
    const list = s.packages.filter((p) => p.category === cat);
    if (!list.length) continue;
    const t = `<table><tr><th>when</th><th>action</th><th>package</th><th>from</th><th>to</th></tr>${packageRows(list)}</table>`;
    // A long list (a dist-upgrade) folds away so the rest of the report stays in reach.
    h.push(
      list.length > FOLD_PACKAGES
        ? `<details><summary>${e(title)} (${list.length})</summary>${t}</details>`
        : `<h5>${e(title)} (${list.length})</h5>${t}`,
    );
  }
  if (s.packagesOmitted)
    h.push(
      `<p class="note">${s.packagesOmitted} more package events are in changes/package-history.txt.</p>`,
    );
  if (s.aptTransactions.length)
    h.push(
      `<h5>apt runs</h5><table><tr><th>started</th><th>command</th><th>by</th></tr>${s.aptTransactions
        .map(
          (t) =>
            `<tr><td>${e(t.start)}</td><td><code>${e(t.commandline ?? '')}</code></td><td>${e(t.requestedBy ?? '')}</td></tr>`,
        )
        .join('')}</table>`,
    );
  h.push(
    `<p class="note">Package history read from: ${e(s.packageSources.join('; ') || 'none')}</p>`,
  );
  h.push(fileEvents('Cron jobs new or changed', s.cron));
  h.push(fileEvents('Services new or changed', s.services));
  for (const n of s.notes) h.push(`<p class="note">${e(n)}</p>`);
  return { id: 'recent-changes', title: 'Recent changes', html: h.filter(Boolean).join('\n') };
}
