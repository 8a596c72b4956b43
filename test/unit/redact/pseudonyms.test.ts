// Keyed pseudonyms: consistent, valid, subnet-preserving, and only mapped back on this host.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseIPv4,
  parseIPv6,
  pseudonymizeIPv4,
  pseudonymizeIPv6,
  pseudonymizeMac,
  restoreIPv4,
  restoreIPv6,
} from '../../../core/common/redact/pseudonym-ip.js';
import { Pseudonymizer } from '../../../core/common/redact/pseudonyms.js';
import { pseudonymKeys } from '../../../core/node/redact/site-key.js';

/** The keyed functions of a 32-byte site key derived from `name`. */
const prf = (name: string) => pseudonymKeys(createHash('sha256').update(name).digest());
const common = (a: number, b: number) => Math.clz32((a ^ b) >>> 0);

describe('IP pseudonyms', () => {
  it('keep subnet relationships: common prefixes keep their exact length', () => {
    const p = prf('k1');
    const addrs = [
      '10.1.2.3',
      '10.1.2.77',
      '10.1.9.1',
      '10.200.0.1',
      '172.20.5.6',
      '203.0.113.9',
      '203.0.114.10',
    ];
    const out = addrs.map((a) => pseudonymizeIPv4(p, a)!);
    for (let i = 0; i < addrs.length; i++)
      for (let j = 0; j < addrs.length; j++)
        expect(common(parseIPv4(out[i]!)!, parseIPv4(out[j]!)!)).toBe(
          common(parseIPv4(addrs[i]!)!, parseIPv4(addrs[j]!)!),
        );
  });

  it('stay valid addresses of the same kind and differ from the input', () => {
    const p = prf('k1');
    const v = pseudonymizeIPv4(p, '192.168.7.9')!;
    expect(v).toMatch(/^192\.168\.\d{1,3}\.\d{1,3}$/);
    expect(v).not.toBe('192.168.7.9');
    expect(pseudonymizeIPv4(p, '10.9.8.7')).toMatch(/^10\./);
    expect(pseudonymizeIPv4(p, '127.0.0.1')).toBeUndefined();
    expect(pseudonymizeIPv4(p, '255.255.255.0')).toBeUndefined();
    expect(pseudonymizeIPv6(p, 'fe80::1ff:fe23:4567:890a')).toMatch(/^fe80(:[0-9a-f]{1,4}){7}$/);
    expect(pseudonymizeIPv6(p, '::1')).toBeUndefined();
    expect(pseudonymizeIPv6(p, '12:34:56')).toBeUndefined();
    expect(pseudonymizeMac(p, '00:1A:2B:3C:4D:5E')).toMatch(/^00:1A:2B(:[0-9A-F]{2}){3}$/);
  });

  it('keep their prefixes and map back with the key, for public, private and v6 addresses', () => {
    const p = prf('k1');
    const seen = new Map<string, string>();
    for (const a of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.254',
      '172.40.1.1',
      '192.168.1.1',
      '192.0.2.1',
      '169.254.3.4',
      '169.1.2.3',
      '100.64.0.1',
      '100.1.2.3',
      '8.8.8.8',
      '223.255.255.254',
    ]) {
      const t = pseudonymizeIPv4(p, a)!;
      expect(parseIPv4(t), `${a} -> ${t}`).toBeDefined();
      expect(restoreIPv4(p, t)).toBe(a);
      expect(seen.get(t), `${a} and ${seen.get(t)} share ${t}`).toBeUndefined();
      seen.set(t, a);
    }
    // A public address never lands in a private range that shares its first octet.
    for (let i = 0; i < 256; i++) {
      expect(pseudonymizeIPv4(p, `192.${i === 168 ? 169 : i}.7.7`)).not.toMatch(/^192\.168\./);
      if (i < 16 || i > 31)
        expect(pseudonymizeIPv4(p, `172.${i}.1.1`)!.startsWith(`172.${i}.`)).toBe(true);
    }
    for (const a of ['fe80::1ff:fe23:4567:890a', '2001:db8::1', 'fd00:1:2:3::4']) {
      const t = pseudonymizeIPv6(p, a)!;
      expect(parseIPv6(t)).toHaveLength(8);
      expect(restoreIPv6(p, t)).toBe(a);
    }
    expect(restoreIPv4(p, '127.0.0.1')).toBeUndefined();
  });

  it('are the same under the same key and different under another', () => {
    expect(pseudonymizeIPv4(prf('k1'), '10.1.2.3')).toBe(pseudonymizeIPv4(prf('k1'), '10.1.2.3'));
    expect(pseudonymizeIPv4(prf('k1'), '10.1.2.3')).not.toBe(
      pseudonymizeIPv4(prf('k2'), '10.1.2.3'),
    );
  });
});

describe('Pseudonymizer', () => {
  const known = {
    hostNames: ['batch-b02'],
    domains: ['lab.example.org'],
    users: ['jdoe'],
    keywords: ['Acme'],
  };
  const redact = (pz: Pseudonymizer, line: string): string => {
    const spans: Array<[number, number, string]> = [];
    for (const r of pz.rules().rules)
      r.apply(
        line,
        { secret: () => undefined, pseudonym: (s, e, _r, t) => spans.push([s, e, t]) },
        {
          atLineStart: true,
          classifyKey: () => undefined,
          state: {},
        },
      );
    spans.sort((a, b) => b[0] - a[0]);
    let out = line;
    for (const [s, e, t] of spans) out = out.slice(0, s) + t + out.slice(e);
    return out;
  };

  it('catches host names, embedded IPs, e-mails, users and keywords, consistently', () => {
    const seen: string[] = [];
    const pz = new Pseudonymizer(
      prf('k'),
      new Set(['hosts', 'ips', 'emails', 'users', 'keywords']),
      known,
      (t, _c, v) => seen.push(`${t}=${v}`),
    );
    const out = redact(
      pz,
      'batch-b02.lab.example.org and dhcp-10-1-2-3 for jdoe@lab.example.org user=jdoe (Acme)',
    );
    expect(out).not.toMatch(/batch-b02|lab\.example|10-1-2-3|jdoe|Acme/);
    expect(out).toContain(`dhcp-${pz.ipv4('10.1.2.3')!.replace(/\./g, '-')}`);
    expect(out).toContain(pz.host('batch-b02.lab.example.org'));
    expect(redact(pz, 'batch-b02')).toBe(pz.hostLabel('batch-b02'));
    // Names are kept for lookup; IPs are not (the key maps them back).
    expect(seen.some((s) => s.endsWith('=jdoe'))).toBe(true);
    expect(seen.some((s) => s.endsWith('=10.1.2.3'))).toBe(false);
  });

  it('replaces full IPv6 addresses and leaves times that look like them', () => {
    const pz = new Pseudonymizer(prf('k'), new Set(['ips']), known);
    const out = redact(pz, '00:00:01,772 from 2001:db8:1:2:3:4:5:6 and fe80::1 at 12:30:45');
    expect(out).toBe(
      `00:00:01,772 from ${pz.ipv6('2001:db8:1:2:3:4:5:6')} and ${pz.ipv6('fe80::1')} at 12:30:45`,
    );
    expect(out).not.toContain('db8:1:2');
  });

  it('touches nothing of a category that is off', () => {
    const pz = new Pseudonymizer(prf('k'), new Set(['ips']), known);
    expect(redact(pz, 'mail jdoe@lab.example.org on batch-b02')).toBe(
      'mail jdoe@lab.example.org on batch-b02',
    );
  });
});
