// Reading report.html's top-level sections back, so a rebuilt bundle keeps the sections other areas
// plugged in (system report, recent changes, ...) while the manifest-driven ones are rendered anew.
// Every value in the report is escaped, so `<section` and `</section>` only ever appear as tags.

export interface ReportPart {
  id: string;
  title: string;
  /** The section's body, without its own <section> tag and heading. */
  html: string;
}

const OPEN = /<section id="([^"]*)">\n?/g;

/** The top-level sections in document order (nested sections stay inside their parent's body). */
export function topLevelSections(report: string): ReportPart[] {
  const main = report.indexOf('<main>');
  const end = report.lastIndexOf('</main>');
  if (main < 0 || end < 0) return [];
  const out: ReportPart[] = [];
  let i = main;
  for (;;) {
    OPEN.lastIndex = i;
    const m = OPEN.exec(report);
    if (!m || m.index > end) break;
    // Walk to the matching </section>, counting nested sections.
    let depth = 1;
    let at = m.index + m[0].length;
    const bodyStart = at;
    while (depth > 0) {
      const nextOpen = report.indexOf('<section', at);
      const nextClose = report.indexOf('</section>', at);
      if (nextClose < 0) return out; // malformed: keep what was read
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++;
        at = nextOpen + 8;
      } else {
        depth--;
        at = nextClose + 10;
      }
    }
    let body = report.slice(bodyStart, at - 10).replace(/\n$/, '');
    let title = '';
    const h2 = /^<h2>([^<]*)<\/h2>\n?/.exec(body);
    if (h2) {
      title = unescapeText(h2[1]!);
      body = body.slice(h2[0].length);
    }
    out.push({ id: m[1]!, title, html: body });
    i = at;
  }
  return out;
}

/** The report's one style block (plugged sections' CSS included). */
export function reportCss(report: string): string {
  const m = /<style>([\s\S]*?)<\/style>/.exec(report);
  return m ? m[1]! : '';
}

function unescapeText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
