// report.html: the readable summary a support engineer opens first. One self-contained file: inline
// CSS (allowed by its hash in the Content-Security-Policy), no JavaScript, no external resources,
// every value escaped, UTF-8 with text direction decided per value (right-to-left text reads right).
import { createHash } from 'node:crypto';
import type { Manifest } from '../../../common/manifest/schema.js';
import { BUILTIN_SECTIONS } from './builtins.js';
import { escapeHtml as e } from './html.js';
import { REPORT_ORDER, type ReportContext, type ReportSection } from './section.js';
import { REPORT_CSS } from './styles.js';

export interface RenderReportOptions {
  manifest: Manifest;
  caseJson: unknown;
  /** The system report's fragment (with its own headings and health checks), as collect passes it. */
  systemReportHtml?: string;
  /** Sections plugged in by other areas; one with a built-in's id replaces the built-in. */
  sections?: ReportSection[];
}

export function renderReport(o: RenderReportOptions): string {
  const ctx: ReportContext = { manifest: o.manifest, caseJson: o.caseJson };
  const plugged = [...(o.sections ?? [])];
  if (o.systemReportHtml !== undefined && !plugged.some((s) => s.id === 'system')) {
    const fragment = o.systemReportHtml;
    plugged.push({
      id: 'system',
      title: 'System report',
      ownHeadings: true,
      order: REPORT_ORDER.system,
      html: () => fragment,
    });
  }
  const byId = new Map<string, ReportSection>();
  for (const s of BUILTIN_SECTIONS) byId.set(s.id, s);
  for (const s of plugged) byId.set(s.id, s);
  // The system report brings its own, richer health-check table.
  if (byId.has('system') && !plugged.some((s) => s.id === 'checks')) byId.delete('checks');
  const sections = [...byId.values()]
    .sort((a, b) => a.order - b.order)
    .map((s) => ({ s, body: s.html(ctx) }))
    .filter(({ body }) => body.trim() !== '');

  const css = [REPORT_CSS, ...sections.map(({ s }) => s.css ?? '')].join('\n');
  const cssHash = createHash('sha256').update(css, 'utf8').digest('base64');
  // Constant but for the base64 hash: written into the attribute as is.
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${cssHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const m = o.manifest;
  const title = `casepack bundle: ${m.case?.caseNumber ? `case ${m.case.caseNumber}` : 'new case'}, ${m.host.name}`;
  const toc = sections.map(({ s }) => `<li><a href="#${e(s.id)}">${e(s.title)}</a></li>`).join('');
  const body = sections
    .map(({ s, body: html }) =>
      s.ownHeadings
        ? `<section id="${e(s.id)}">\n${html}\n</section>`
        : `<section id="${e(s.id)}">\n<h2>${e(s.title)}</h2>\n${html}\n</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="casepack ${e(m.tool.version)}">
<title>${e(title)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1 dir="auto">${e(title)}</h1>
<p class="subtitle">Created ${e(m.createdAt)} by casepack ${e(m.tool.version)}. Check the bundle with <code>casepack verify</code>; every file listed below is in the zip.</p>
<nav aria-label="Sections"><ol>${toc}</ol></nav>
</header>
<main>
${body}
</main>
<footer>manifest.json lists every item with its size and sha256; docs/bundle-format.md in casepack explains how to check them by hand.</footer>
</body>
</html>
`;
}
