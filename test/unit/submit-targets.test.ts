// The pure parts of submission: the targets section as people write it, subjects, backoff, names.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { settingsSchema } from '../../core/common/settings/schema.js';
import {
  caseText,
  customFieldValues,
  renderSubject,
  DEFAULT_SUBJECT,
} from '../../core/common/targets/case-text.js';
import { isLoopbackHost } from '../../core/common/targets/loopback.js';
import { httpUrlProblem } from '../../core/common/targets/url.js';
import { backoffDelay } from '../../core/node/submit/backoff.js';
import { remoteFileName } from '../../core/node/submit/sftp/sftp-step.js';
import { describeKey, matchesPin } from '../../core/node/submit/sftp/host-keys.js';
import { proxyFor } from '../../core/node/submit/http-client.js';

const ISSUE_EXAMPLE = `
targets:
  vendor-rt:
    type: rt
    url: http://127.0.0.1:8180
    queue: Support-L1
    token: { env: RT_TOKEN }
    customFields: { severity: Severity, caseType: Case Type }
    attachLimit: 10MiB
    largeFiles: vendor-sftp
  vendor-sftp:
    type: sftp
    host: 127.0.0.1
    port: 2222
    user: dropbox
    privateKey: { file: /path/to/key }
    hostKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIoUDJw3zl4uOklt0Ha9+7/CmhjjK4Etw1yCLqR1/59U
    dir: /upload
  vendor-mail:
    type: smtp
    host: 127.0.0.1
    port: 25
    from: admin@customer.example
    to: support@localhost
    subjectTag: casepack.test
  usb:
    type: folder
    path: /media/usb
`;

describe('the targets section', () => {
  it('accepts exactly the shape in the issue, sizes in words included', () => {
    const s = settingsSchema.parse(parse(ISSUE_EXAMPLE));
    expect(s.targets?.['vendor-rt']).toMatchObject({
      type: 'rt',
      attachLimit: 10 * 1024 * 1024,
      largeFiles: 'vendor-sftp',
    });
    expect(Object.keys(s.targets ?? {})).toEqual([
      'vendor-rt',
      'vendor-sftp',
      'vendor-mail',
      'usb',
    ]);
  });

  it('refuses a secret written inline, naming the key', () => {
    const doc = parse(ISSUE_EXAMPLE);
    doc.targets['vendor-rt'].token = 'abc123';
    const r = settingsSchema.safeParse(doc);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['targets', 'vendor-rt', 'token']);
  });

  it('refuses a largeFiles target that does not exist or cannot take files', () => {
    const doc = parse(ISSUE_EXAMPLE);
    doc.targets['vendor-rt'].largeFiles = 'nowhere';
    expect(settingsSchema.safeParse(doc).error!.issues[0]!.message).toContain(
      'no target named "nowhere"',
    );
    doc.targets['vendor-rt'].largeFiles = 'vendor-mail';
    expect(settingsSchema.safeParse(doc).error!.issues[0]!.message).toContain('is a smtp target');
  });

  it('allows plain http:// only on loopback, and never a password in the URL', () => {
    expect(httpUrlProblem('http://127.0.0.1:8180')).toBeUndefined();
    expect(httpUrlProblem('http://[::1]:8080/rt')).toBeUndefined();
    expect(httpUrlProblem('http://localhost')).toBeUndefined();
    expect(httpUrlProblem('https://rt.vendor.example')).toBeUndefined();
    expect(httpUrlProblem('http://rt.vendor.example')).toMatch(/unencrypted/);
    expect(httpUrlProblem('http://127.0.0.1.vendor.example')).toMatch(/unencrypted/);
    expect(httpUrlProblem('https://root:pw@rt.vendor.example')).toMatch(
      /must not carry a user or password/,
    );
    expect(httpUrlProblem('ftp://x')).toMatch(/only https/);
    expect(isLoopbackHost('127.255.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});

describe('what goes to the case system', () => {
  it('renders the RT-style subject and drops empty parts cleanly', () => {
    const v = { tag: 'casepack.test', case: '12', summary: 'Logins hang', ref: 'R-7' };
    expect(renderSubject(DEFAULT_SUBJECT, v)).toBe('[casepack.test #12] Logins hang Ref:R-7');
    expect(renderSubject(DEFAULT_SUBJECT, { ...v, ref: undefined })).toBe(
      '[casepack.test #12] Logins hang',
    );
    expect(renderSubject(DEFAULT_SUBJECT, { ...v, case: undefined })).toBe(
      '[casepack.test] Logins hang Ref:R-7',
    );
    expect(renderSubject(DEFAULT_SUBJECT, { summary: 'Logins hang' })).toBe('Logins hang');
    expect(renderSubject('{summary}\r\nBcc: x@evil', { summary: 'a' })).not.toMatch(/[\r\n]/);
    expect(renderSubject('{summary}', { summary: 'a\r\nBcc: x@evil' })).toBe('a Bcc: x@evil');
  });

  it('maps custom fields by the names in the settings', () => {
    const c = {
      severity: 'P1',
      type: 'performance',
      product: { name: 'IGL', version: '4.2' },
      platform: { os: 'RHEL', version: '9' },
    };
    expect(
      customFieldValues(c, { severity: 'Sev', productVersion: 'Version', platform: 'OS' }),
    ).toEqual({ Sev: 'P1', Version: '4.2', OS: 'RHEL 9' });
  });

  it('writes the case as text in the order L1 reads it, with the job token last', () => {
    const t = caseText(
      {
        summary: 'S',
        type: 'product-error',
        severity: 'P2',
        contact: { name: 'Ada', email: 'a@x.example' },
        stepsToReproduce: ['one', 'two'],
        description: 'line 1\nline 2',
      },
      { bundle: ['b.zip is attached.'], marker: 'casepack job: J#1', tool: 'casepack 1' },
    );
    expect(t.indexOf('Case type: product-error')).toBeLessThan(t.indexOf('Contact'));
    expect(t).toContain('  1. one\n  2. two');
    expect(t).toContain('  line 1\n  line 2');
    expect(t.trimEnd().endsWith('casepack job: J#1')).toBe(true);
  });
});

describe('transfer details', () => {
  it('backs off exponentially with jitter, within bounds', () => {
    const p = { initialDelay: 1000, maxDelay: 60_000 };
    expect(backoffDelay(1, p, () => 0)).toBe(100);
    expect(backoffDelay(1, p, () => 1)).toBe(1000);
    expect(backoffDelay(4, p, () => 1)).toBe(8000);
    expect(backoffDelay(30, p, () => 1)).toBe(60_000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(5, p)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('names the remote file <case>_<bundle>, safely', () => {
    expect(remoteFileName('12', 'casepack-NEW-h-20261127T101500Z.zip')).toBe(
      '12_casepack-NEW-h-20261127T101500Z.zip',
    );
    expect(remoteFileName('../../etc', 'b.zip')).toBe('..-..-etc_b.zip');
    expect(remoteFileName(undefined, 'b.zip')).toBe('b.zip');
  });

  it('matches a pinned host key by key or by fingerprint', () => {
    const blob = Buffer.from(
      'AAAAC3NzaC1lZDI1NTE5AAAAIIoUDJw3zl4uOklt0Ha9+7/CmhjjK4Etw1yCLqR1/59U',
      'base64',
    );
    const k = describeKey(blob);
    expect(k.algorithm).toBe('ssh-ed25519');
    expect(matchesPin(`ssh-ed25519 ${k.base64} comment`, k)).toBe(true);
    expect(matchesPin(k.fingerprint, k)).toBe(true);
    expect(matchesPin('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU', k)).toBe(false);
  });
});

describe('which proxy an HTTPS target uses', () => {
  const url = 'https://rt.vendor.example/REST/2.0';
  it('prefers the target, then the settings, then the environment', () => {
    const saved = { ...process.env };
    try {
      process.env.HTTPS_PROXY = 'http://env-proxy:3128';
      process.env.NO_PROXY = '';
      expect(
        proxyFor(url, { url, proxy: 'http://target-proxy:8080' }, { proxy: 'http://settings:1' }),
      ).toBe('http://target-proxy:8080');
      expect(proxyFor(url, { url, proxy: false }, { proxy: 'http://settings:1' })).toBeUndefined();
      expect(proxyFor(url, { url }, { proxy: 'http://settings:1' })).toBe('http://settings:1');
      expect(
        proxyFor(
          url,
          { url },
          { proxy: 'http://settings:1', noProxy: 'localhost, .vendor.example' },
        ),
      ).toBeUndefined();
      expect(
        proxyFor(url, { url }, { proxy: 'http://settings:1', noProxy: 'vendor.example' }),
      ).toBeUndefined();
      expect(proxyFor(url, { url }, { proxy: 'http://settings:1', noProxy: 'other.example' })).toBe(
        'http://settings:1',
      );
      expect(proxyFor(url, { url }, undefined)).toBe('http://env-proxy:3128');
      process.env.NO_PROXY = '.vendor.example';
      expect(proxyFor(url, { url }, undefined)).toBeUndefined();
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
