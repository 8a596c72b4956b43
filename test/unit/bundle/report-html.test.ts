// report.html as text: self-contained, escaped, with a CSP that admits exactly its own style block.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../core/node/bundle/report/render.js';
import { fragmentSection, REPORT_ORDER } from '../../../core/node/bundle/report/section.js';
import {
  ARABIC,
  HOSTILE,
  JAPANESE,
  reportCase,
  reportManifest,
} from '../../support/report-fixture.js';

describe('report.html', () => {
  const html = renderReport({ manifest: reportManifest(), caseJson: reportCase() });

  it('escapes every value: markup in paths, reasons and case fields stays text', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('EACCES: permission denied &lt;script&gt;');
    expect(html).not.toContain(HOSTILE);
  });

  it('is self-contained: one style block allowed by its hash, nothing loaded from anywhere', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/ style="/);
  });

  it('keeps non-ASCII and right-to-left text intact, with its direction decided per value', () => {
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(ARABIC);
    expect(html).toContain(JAPANESE);
    expect(html).toContain('Zoë Müller');
    expect(html).toMatch(/<td dir="auto"><div class="text">الخادم/);
  });

  it('shows the case, counts, window, checks, what is missing and why, redaction counts and every item', () => {
    expect(html).toContain('update of case <strong>123456</strong>, reference REF-9');
    expect(html).toContain('7: 3 collected, 1 truncated, 1 skipped, 2 failed');
    expect(html).toContain('2026-11-24T10:15:00Z to 2026-11-27T10:15:00Z (Europe/Berlin)');
    expect(html).toContain('linux-host, igl-server');
    expect(html).toContain('db1:1521 refused the connection');
    expect(html).toContain('killed at its timeout of 10s');
    expect(html).toContain('over maxBytes (50 MiB): kept the newest 7 MiB');
    expect(html).toContain('120000 lines kept, 3400 dropped (log4j)');
    expect(html).toContain('timestamp format not recognised: kept whole');
    expect(html).toContain('16 values replaced');
    expect(html).toMatch(/<code>email<\/code><\/td><td><span class="num">12<\/span>/);
    expect(html).toContain('binary content');
    expect(html).toContain('casepack 0.1.0, bundle format 1');
    // entries link to themselves inside the extracted bundle, names percent-encoded
    expect(html).toContain(`href="logs/var/log/${encodeURIComponent(JAPANESE)}.log"`);
  });

  it('takes sections from other areas without changes to the renderer', () => {
    const out = renderReport({
      manifest: reportManifest(),
      caseJson: reportCase(),
      systemReportHtml: '<h2>System at a glance</h2><p>sysreport fragment</p>',
      sections: [
        fragmentSection(
          { id: 'case', title: 'Case', html: '<p>the case module</p>' },
          REPORT_ORDER.case,
          '.case-x { color: red; }',
        ),
        {
          id: 'changes',
          title: 'Recent changes',
          order: REPORT_ORDER.changes,
          html: () => '<p>diffs</p>',
        },
      ],
    });
    expect(out).toContain('<p>the case module</p>');
    expect(out).not.toContain('Zoë Müller'); // the built-in case section was replaced
    expect(out).toContain('.case-x { color: red; }');
    // the system report brings its own health checks: the built-in table is left out
    expect(out).not.toContain('<section id="checks">');
    const order = ['overview', 'case', 'system', 'changes', 'attention', 'redaction', 'index'].map(
      (id) => out.indexOf(`<section id="${id}">`),
    );
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]!))).toBe(true);
  });

  it('says so when there is nothing to redact or nothing missing', () => {
    const m = reportManifest();
    m.items = m.items
      .filter((i) => i.status === 'collected')
      .map((i) => ({ ...i, redaction: { counts: {} } }));
    m.redaction = { counts: {} };
    const out = renderReport({ manifest: m, caseJson: {} });
    expect(out).toContain('Every item was collected whole.');
    expect(out).toContain('The redaction rules in use found nothing to replace.');
    expect(out).toContain('No case details were given with this bundle.');
  });
});
