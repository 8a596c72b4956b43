// The end to end: `casepack case new` on a real pseudo-terminal, then
// `casepack collect --case-file case.yaml`: a bundle whose report.html a support engineer reads top
// to bottom (the case, what is missing, the host, recent changes, the system report, every item).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../core/common/api/collect.js';
import { SEVERITY_INFO } from '../../core/common/case/definitions.js';
import { entry } from '../support/bundle-read.js';
import { runCliJson } from '../support/cli.js';
import { KEY, runCliInPty, type PtyStep } from '../support/pty.js';
import { tempDir } from '../support/tmp.js';

const { enter, up } = KEY;
let dir: string;
let profile: string;
let env: NodeJS.ProcessEnv;

const step = (expect: string, send: string): PtyStep => ({ expect, send });
const lines = (first: string, ...rest: string[]): PtyStep[] => [
  step(first, `${rest[0]}${enter}`),
  ...rest.slice(1).map((l) => step('\\? \\.\\.\\.', `${l}${enter}`)),
  step('\\? \\.\\.\\.', enter),
];

beforeAll(async () => {
  dir = await tempDir();
  await mkdir(path.join(dir, 'etc'));
  await mkdir(path.join(dir, 'logs'));
  await writeFile(path.join(dir, 'etc', 'server.properties'), 'port=8443\nsession.timeout=30\n');
  const now = Date.now();
  await writeFile(
    path.join(dir, 'logs', 'server.log'),
    [3, 2, 1]
      .map((h) => `${new Date(now - h * 3_600_000).toISOString()} ERROR login failed: HTTP 500\n`)
      .join(''),
  );
  profile = path.join(dir, 'igl.yaml');
  await writeFile(
    profile,
    stringify({
      name: 'igl',
      files: [
        { id: 'igl-config', kind: 'config', paths: [`${dir}/etc/*.properties`] },
        { id: 'igl-logs', kind: 'log', paths: [`${dir}/logs/*.log`] },
      ],
    }),
  );
  env = {
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    CASEPACK_DATA_DIR: path.join(dir, 'data'),
    CASEPACK_CONFIG: '',
    TZ: 'UTC',
  };
});

describe('casepack case new, then casepack collect --case-file case.yaml', () => {
  it('gives a bundle whose report.html reads top to bottom without opening anything else', async () => {
    const intake = await runCliInPty(
      ['case', 'new', '--out', 'case.yaml', '--type', 'product-error'],
      [
        step('update to a case you already have\\?', `n${enter}`),
        step('P1 - Critical: Production is down', ''),
        step('❯ P3 - Medium', up),
        step('❯ P2 - High', enter),
        step('\\? Contact name', `Dana Smith${enter}`),
        step('\\? E-mail', `dana@example.org${enter}`),
        step('\\? Phone', `+49 30 1234567${enter}`),
        step('\\? Organisation \\(optional\\)', `ACME GmbH${enter}`),
        step('\\? Preferred channel', enter),
        step('\\? Time zone \\(optional\\)', enter),
        step('\\? Product(?! version)', `IGL Server${enter}`),
        step('\\? Product version', `5.10${enter}`),
        step('\\? Patches installed', enter),
        // The detected platform (this machine) is right: take it.
        step('Use these platform details\\?', enter),
        step('\\? Summary', `Login fails with HTTP 500${enter}`),
        ...lines('\\? Description:', 'Nobody can log in since this morning.'),
        step('\\? Step 1:', `Open /login${enter}`),
        step('\\? Step 2:', `Log in as admin${enter}`),
        step('\\? Step 3:', enter),
        ...lines('\\? Expected result:', 'The dashboard opens'),
        ...lines('\\? Actual result:', 'HTTP 500 Internal Server Error'),
        step('\\? When it started \\(optional\\)', enter),
        step('\\? How often', enter),
        ...lines('\\? What changed recently:', 'Java update on Monday'),
        ...lines('\\? Business impact:', '400 users cannot work'),
        step('\\? Attachments', enter),
        step('Remember your contact details for next time\\?', enter),
      ],
      { env, cwd: dir },
    );
    expect(intake.stderr).toBe('');
    expect(intake.code, intake.transcript).toBe(0);
    expect(intake.transcript).toContain('casepack collect --case-file case.yaml');

    const out = path.join(dir, 'out');
    await mkdir(out);
    const r = await runCliJson<CollectResult>(
      ['collect', '--case-file', 'case.yaml', '--profile', profile, '--yes', '--out', out],
      { env, cwd: dir, timeoutMs: 300_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    // A complete product error with logs and the system report: nothing to warn about.
    expect(r.json.warnings.filter((w) => w.startsWith('case:'))).toEqual([]);

    const html = entry(r.json.bundle, 'report.html').toString('utf8');
    const order = [
      'case',
      'overview',
      'system',
      'recent-changes',
      'attention',
      'redaction',
      'index',
    ].map((id) => html.indexOf(`<section id="${id}">`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const kase = html.slice(order[0], order[1]);
    const at = (s: string) => {
      const i = kase.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    // What L1 reads first, in that order.
    const reading = [
      at('New case'),
      at('Login fails with HTTP 500'),
      at('Product error'),
      at(SEVERITY_INFO.P2.definition),
      at('Dana Smith'),
      at('+49 30 1234567'),
      at('ACME GmbH'),
      at('IGL Server'),
      at('5.10'),
      at('<th>Operating system</th>'),
      at('What is missing'),
      at('Every field this case type requires is given.'),
      at('Nobody can log in since this morning.'),
      at('1. Open /login\n2. Log in as admin'),
      at('The dashboard opens'),
      at('HTTP 500 Internal Server Error'),
      at('Java update on Monday'),
      at('400 users cannot work'),
    ];
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
    expect(kase).toMatch(/System report \(required, in this bundle\)/);
    expect(kase).toMatch(/Product logs from the time of the problem \(required, in this bundle\)/);
    // Everything the case section names is in the bundle, and listed in the index.
    expect(html.slice(order[6]!)).toContain('logs/');
  });
});
