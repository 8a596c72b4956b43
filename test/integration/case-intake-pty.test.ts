// `casepack case new` on a real pseudo-terminal: answers typed at the prompts, case.yaml written,
// the contact remembered in the settings file and offered on the next run.
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { KEY, runCliInPty, type PtyStep } from '../support/pty.js';
import { tempDir } from '../support/tmp.js';

const { enter, down, up } = KEY;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await tempDir();
  env = {
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    CASEPACK_CONFIG: '',
    TZ: 'Europe/Berlin',
  };
  await writeFile(path.join(dir, 'repro.txt'), 'steps to reproduce, as a test case\n');
});

const step = (expect: string, send: string): PtyStep => ({ expect, send });
/** A multi-line answer: each line, then an empty line to end it. */
const lines = (first: string, ...rest: string[]): PtyStep[] => [
  step(first, `${rest[0]}${enter}`),
  ...rest.slice(1).map((l) => step('\\? \\.\\.\\.', `${l}${enter}`)),
  step('\\? \\.\\.\\.', enter),
];

describe('casepack case new on a terminal', () => {
  it('asks what a P1 product error needs, writes case.yaml and remembers the contact', async () => {
    const r = await runCliInPty(
      ['case', 'new', '--out', 'case.yaml'],
      [
        step('update to a case you already have\\?', `n${enter}`),
        step('❯ Question / how-to', `${down}${down}`),
        step('❯ Product error', enter),
        // The definitions are shown before the choice; P3 is the default for an error.
        step('P1 - Critical: Production is down', ''),
        step('❯ P3 - Medium', `${up}${up}`),
        step('❯ P1 - Critical', enter),
        step('\\? Contact name', `Zoë Ångström-שלום${enter}`),
        step('\\? E-mail', `not-an-address${enter}`),
        step('that is not an e-mail address', `${'\x7f'.repeat(20)}zoe@example.org${enter}`),
        // A P1 needs a phone: it is not optional and an empty answer is refused.
        step('\\? Phone \\[', enter),
        step('Phone is required', `+49 30 1234567${enter}`),
        step('\\? Organisation \\(optional\\)', `ACME GmbH${enter}`),
        step('\\? Preferred channel', `${down}${enter}`),
        step('\\? Time zone \\(optional\\)', enter),
        step('\\? 24x7 contact: name \\(optional\\)', `Night desk${enter}`),
        step('\\? 24x7 contact: phone \\(optional\\)', `+49 30 7654321${enter}`),
        step('\\? Product(?! version)', `IGL Server${enter}`),
        step('\\? Product version', `5.10${enter}`),
        step('\\? Patches installed', `HF-1, HF-2${enter}`),
        // Decline the detected platform and type it, as on a machine where detection is wrong.
        step('Use these platform details\\?', `n${enter}`),
        step('\\? Operating system', `Debian GNU/Linux${enter}`),
        step('\\? OS version', `12${enter}`),
        step('\\? Architecture', `aarch64${enter}`),
        step('\\? Java version \\(optional\\)', `17.0.13${enter}`),
        step('\\? Summary', `Login fails with HTTP 500${enter}`),
        ...lines('\\? Description:', 'Nobody can log in since 09:30.', 'שגיאה <b>&amp;</b>'),
        step('\\? Step 1:', `Open /login${enter}`),
        step('\\? Step 2:', `Log in as admin${enter}`),
        step('\\? Step 3:', enter),
        ...lines('\\? Expected result:', 'The dashboard opens'),
        ...lines('\\? Actual result:', 'HTTP 500 Internal Server Error'),
        step('\\? When it started \\(optional\\)', `yesterday${enter}`),
        step('write a date and time like', `${'\x7f'.repeat(12)}2026-11-27 09:30${enter}`),
        step('\\? How often', `${down}${down}${enter}`),
        ...lines('\\? What changed recently:', 'Java update on Monday'),
        ...lines('\\? Business impact:', '400 users cannot work'),
        step('\\? Attachments', `repro.txt${enter}`),
        step('Remember your contact details for next time\\?', enter),
      ],
      { env, cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.transcript).toContain('It has everything a product error needs');

    const written = parse(await readFile(path.join(dir, 'case.yaml'), 'utf8'));
    expect(written).toEqual({
      mode: 'new',
      contact: {
        name: 'Zoë Ångström-שלום',
        email: 'zoe@example.org',
        phone: '+49 30 1234567',
        organization: 'ACME GmbH',
        preferredChannel: 'phone',
        timeZone: 'Europe/Berlin',
        onCall: { name: 'Night desk', phone: '+49 30 7654321' },
      },
      product: { name: 'IGL Server', version: '5.10', patches: ['HF-1', 'HF-2'] },
      platform: {
        os: 'Debian GNU/Linux',
        version: '12',
        architecture: 'aarch64',
        javaVersion: '17.0.13',
      },
      type: 'product-error',
      severity: 'P1',
      summary: 'Login fails with HTTP 500',
      description: 'Nobody can log in since 09:30.\nשגיאה <b>&amp;</b>',
      stepsToReproduce: '1. Open /login\n2. Log in as admin',
      expected: 'The dashboard opens',
      actual: 'HTTP 500 Internal Server Error',
      startedAt: '2026-11-27 09:30',
      frequency: 'always',
      recentChanges: 'Java update on Monday',
      businessImpact: '400 users cannot work',
      attachments: [{ path: path.join(dir, 'repro.txt') }],
    });
    expect((await runCli(['case', 'check', 'case.yaml'], { env, cwd: dir })).code).toBe(0);

    const settings = parse(
      await readFile(path.join(dir, 'xdg', 'casepack', 'config.yaml'), 'utf8'),
    );
    expect(settings.contact).toEqual({
      name: 'Zoë Ångström-שלום',
      email: 'zoe@example.org',
      phone: '+49 30 1234567',
      organization: 'ACME GmbH',
      preferredChannel: 'phone',
      timeZone: 'Europe/Berlin',
    });
  });

  it('offers the remembered contact next time instead of asking again', async () => {
    const r = await runCliInPty(
      ['case', 'new', '--out', 'question.yaml', '--type', 'question'],
      [
        step('update to a case you already have\\?', enter),
        step('❯ P4 - Low', enter),
        step('Contact details:[\\s\\S]*contact.email: zoe@example.org', ''),
        step('Use these contact details\\?', enter),
        step('\\? Product(?! version)', `IGL Server${enter}`),
        step('\\? Product version', `5.10${enter}`),
        step('Use these platform details\\?', enter),
        step('\\? Summary', `How do I rotate the audit log?${enter}`),
        ...lines('\\? Description:', 'Where is the setting for the rotation size?'),
      ],
      { env, cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.transcript).not.toMatch(/\? Contact name/);
    expect(r.transcript).not.toMatch(/Step 1|Expected result|Remember your contact/);
    const written = parse(await readFile(path.join(dir, 'question.yaml'), 'utf8'));
    expect(written.contact.email).toBe('zoe@example.org');
    expect(written.type).toBe('question');
    expect(written.stepsToReproduce).toBeUndefined();
  });

  it('pre-fills the answers given with --set, so Enter keeps them', async () => {
    const r = await runCliInPty(
      [
        'case',
        'new',
        '--out',
        'preset.yaml',
        '--type',
        'question',
        '--set',
        'severity=P2',
        '--set',
        'product.name=IGL Server',
        '--set',
        'product.version=5.11',
        '--set',
        'summary=Where are the audit logs?',
        '--set',
        'description=We cannot find them after the upgrade.',
      ],
      [
        step('update to a case you already have\\?', enter),
        // The severity choice starts on the --set value, not on a question's P4.
        step('❯ P2 - High', enter),
        step('Use these contact details\\?', enter),
        step('\\? Product(?! version)[^\\n]*IGL Server', enter),
        step('\\? Product version[^\\n]*5\\.11', enter),
        step('Use these platform details\\?', enter),
        step('\\? Summary[^\\n]*Where are the audit logs\\?', enter),
        step('We cannot find them after the upgrade\\.[\\s\\S]*Keep this description\\?', enter),
      ],
      { env, cwd: dir },
    );
    expect(r.code).toBe(0);
    const written = parse(await readFile(path.join(dir, 'preset.yaml'), 'utf8'));
    expect(written).toMatchObject({
      type: 'question',
      severity: 'P2',
      product: { name: 'IGL Server', version: '5.11' },
      summary: 'Where are the audit logs?',
      description: 'We cannot find them after the upgrade.',
    });
  });

  it('writes nothing when stopped with Ctrl-C', async () => {
    const r = await runCliInPty(
      ['case', 'new', '--out', 'stopped.yaml'],
      [step('update to a case you already have\\?', KEY.ctrlC)],
      { env, cwd: dir },
    );
    expect(r.code).toBe(130);
    expect(r.transcript).toContain('nothing was written');
    await expect(access(path.join(dir, 'stopped.yaml'))).rejects.toThrow();
  });

  it('refuses an unknown --set field by its name before asking anything', async () => {
    const r = await runCli(['case', 'new', '--out', 'x.yaml', '--set', 'nosuch=1'], {
      env,
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set nosuch: unknown case field');
    await expect(access(path.join(dir, 'x.yaml'))).rejects.toThrow();
  });

  it('refuses to ask questions without a terminal, and says what to do instead', async () => {
    const r = await runCli(['case', 'new', '--out', 'x.yaml'], { env, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('casepack case template --type TYPE');
  });
});
