// report.html's system report fragment: readable, and nothing from the host can inject markup.
import { describe, expect, it } from 'vitest';
import { renderSystemReportHtml } from '../../../core/node/system-report/report-html.js';

describe('the system report in report.html', () => {
  const sections = [
    {
      id: 'os',
      title: 'OS and kernel',
      status: 'collected' as const,
      durationMs: 5,
      data: {
        section: 'os',
        hostname: 'app01',
        fqdn: 'app01.corp.example',
        distribution: 'Debian GNU/Linux 12 (bookworm)',
        architecture: 'x86_64',
        kernel: '6.1.0-18-amd64',
      },
    },
    {
      id: 'processes',
      title: 'Top processes by CPU and memory',
      status: 'collected' as const,
      durationMs: 300,
      data: {
        topByCpu: [{ pid: 1, command: '<script>alert(1)</script>', rssBytes: 1048576 }],
        notes: ['a note & more'],
      },
    },
    {
      id: 'network',
      title: 'Network interfaces and listening ports',
      status: 'collected' as const,
      durationMs: 20,
      data: {
        dns: { nameservers: ['10.0.0.2', '10.0.0.3'] },
        listening: [
          {
            protocol: 'tcp',
            port: 25,
            processes: [
              { name: 'master', pid: 20770 },
              { name: 'smtpd', pid: 20776 },
            ],
          },
        ],
      },
    },
    {
      id: 'services',
      title: 'Services',
      status: 'failed' as const,
      reason: 'timed out after 10 s',
      durationMs: 10000,
    },
  ];
  const checks = [
    {
      id: 'db',
      kind: 'tcp' as const,
      status: 'fail' as const,
      message: 'connection refused: nothing listens on "db":5432',
      durationMs: 2,
    },
  ];

  it('shows the summary, checks, failed sections with their reason, and escapes every value', () => {
    const html = renderSystemReportHtml(sections, checks);
    expect(html).toContain('<th>Kernel</th><td>6.1.0-18-amd64</td>');
    expect(html).toContain('app01.corp.example');
    expect(html).toContain('<strong>FAIL</strong>');
    expect(html).toContain('connection refused: nothing listens on &quot;db&quot;:5432');
    expect(html).toContain('Services: <strong>not collected</strong> (timed out after 10 s)');
    expect(html).toContain('Not collected</th><td>Services: timed out after 10 s');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('1.0 MiB');
    expect(html).toContain('<li>a note &amp; more</li>');
    // Short lists on one line.
    expect(html).toContain('<td>10.0.0.2, 10.0.0.3</td>');
    expect(html).toContain('<td>master (20770), smtpd (20776)</td>');
  });

  it('says so when no checks were declared', () => {
    expect(renderSystemReportHtml([], [])).toContain('No health checks were declared');
  });
});
