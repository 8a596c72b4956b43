// The redactor's shortcuts (a memo of key classes, byte checks that skip lines a rule cannot
// change) must not change what is removed: each is compared with the plain computation.
import { describe, expect, it } from 'vitest';
import { ChunkRedactor } from '../../../core/common/redact/engine.js';
import { classifyKey } from '../../../core/common/redact/key-names.js';
import { LineRedactor } from '../../../core/common/redact/line-redactor.js';
import { buildPack, memoizeKeys, type PackConfig } from '../../../core/common/redact/pack.js';
import { Prefilter } from '../../../core/common/redact/prefilter.js';
import { KV_NEXT, KV_TRIGGERS } from '../../../core/common/redact/rules/key-value.js';
import { latin1Codec } from '../../../core/node/redact/redacting-stream.js';

function prefilteredAndFull(text: string, cfg: PackConfig = {}): { pre: string; all: string } {
  const pack = buildPack(cfg);
  const opts = { classifyKey: pack.classifyKey };
  const buf = Buffer.from(text, 'latin1');
  const eng = new ChunkRedactor(pack.compiled, latin1Codec, opts);
  const pre = Buffer.concat(eng.process(buf, 0, buf.length).pieces).toString('latin1');
  const lr = new LineRedactor(pack.compiled.rules, opts);
  const all = text
    .split('\n')
    .map((l) => lr.redact(l).text)
    .join('\n');
  return { pre, all };
}

describe('key class memo', () => {
  const keys = [
    'user',
    'password',
    'db.password',
    'password_policy',
    'apiKey',
    'monkey',
    'x-api-key',
    'JSESSIONID',
    'PWD',
    'token.ttl',
    'client_secret',
    'proxyUser',
  ];

  it('gives the class classifyKey gives, for repeated keys and past its size limit', () => {
    const memo = memoizeKeys((k) => classifyKey(k), 5);
    for (let round = 0; round < 3; round++)
      for (const k of keys) expect(memo(k), k).toEqual(classifyKey(k));
  });

  it('classifies a key once while it is remembered', () => {
    const seen: string[] = [];
    const memo = memoizeKeys((k) => {
      seen.push(k);
      return classifyKey(k);
    });
    for (let i = 0; i < 100; i++) memo('user');
    memo('password');
    memo('password');
    expect(seen).toEqual(['user', 'password']);
  });
});

describe('line shortcuts', () => {
  const prefixes = ['', '  ', '2026-11-20 00:00:00,544 DEBUG [a.B] (task-48) ok ', '- ', '"'];
  const keys = ['user', 'User', 'proxyUser', 'db.user', 'user_value', 'users', 'userinfo'];
  const values = [
    '=u1252 ip=10.1.2.3 took 262ms',
    '=bob:s3cr3t',
    ' = bob:s3cr3t',
    ': bob:s3cr3t',
    '="bob:s3cr3t"',
    '=bob took 3 ms: done',
    '=u1 password=s3cr3t-Value1',
    '=u1 token id=1',
    ' bob:s3cr3t',
  ];
  const oracle = [
    'connect scott/tiger@orcl',
    'sqlplus -s scott/"t1ger"@//db:1521/orcl',
    'rman target sys/Secret1@prod',
    'rman target / catalog rcat/Rc4t@cat',
    'deploy target reached at 10:00',
    'expdp system/m4nager directory=d',
    'target host a/b',
  ];

  it('leave the result of the full rule set unchanged for user keys', () => {
    const lines: string[] = [];
    for (const p of prefixes) for (const k of keys) for (const v of values) lines.push(p + k + v);
    const { pre, all } = prefilteredAndFull(lines.join('\n') + '\n');
    const a = pre.split('\n');
    const b = all.split('\n');
    for (let i = 0; i < b.length; i++) expect(a[i], lines[i]).toBe(b[i]);
    // the shortcut skips lines, not secrets
    expect(pre).toContain('user=bob:[REDACTED:url-password]');
    expect(pre).toContain('user=u1 password=[REDACTED:password]');
  });

  it('leave the Oracle connect strings to the full rule', () => {
    const lines = prefixes.flatMap((p) => oracle.map((o) => p + o));
    const { pre, all } = prefilteredAndFull(lines.join('\n') + '\n');
    expect(pre).toBe(all);
    expect(pre).toContain('scott/[REDACTED:db-connect-password]@orcl');
    expect(pre).not.toContain('Rc4t');
    expect(pre).toContain('deploy target reached at 10:00');
  });

  it('still finds a custom key name spelled with another separator', () => {
    const cfg = { custom: [{ id: 'db-user', keys: ['db.user'] }] };
    const { pre, all } = prefilteredAndFull('db_user=bob\ndb.user=alice\n', cfg);
    expect(pre).toBe(all);
    expect(pre).toBe('db_user=[REDACTED:db-user]\ndb.user=[REDACTED:db-user]\n');
  });
});

describe('prefilter grams', () => {
  const pf = new Prefilter([{ triggers: KV_TRIGGERS, next: KV_NEXT, nextLower: 's' }]);
  function hits(text: string, end = text.length): string[] {
    const found: string[] = [];
    const b = Buffer.from(text, 'latin1');
    pf.scan(b, 0, end, (pos, len) => found.push(text.slice(pos, pos + len)));
    return found;
  }

  it('finds a trigger that ends its range, judged by the byte after it', () => {
    expect(hits('x password')).toEqual(['password']);
    expect(hits('x connect token')).toEqual(['token']);
    // the range stops before 'y', which still decides (as for a trigger inside the range)
    expect(hits('x tokeny', 7)).toEqual([]);
    expect(hits('x token.y', 7)).toEqual(['token']);
  });

  it('finds the same triggers wherever the bytes sit in memory (four-byte loads)', () => {
    const line = 'x password=1 Token: a\tsession_id=2 connect scott/tiger@db pw=3 key\n';
    const text = Buffer.from(line.repeat(9), 'latin1');
    const at = (shift: number, end: number): string[] => {
      const b = Buffer.alloc(text.length + shift);
      text.copy(b, shift);
      const v = b.subarray(shift);
      const found: string[] = [];
      pf.scan(v, 3, end, (pos, len) => found.push(`${pos}:${len}`));
      return found;
    };
    for (const end of [text.length, text.length - 1, text.length - 2, 61]) {
      const expected = at(0, end);
      expect(expected.length).toBeGreaterThan(end > 100 ? 20 : 2);
      for (const shift of [1, 2, 3, 7]) expect(at(shift, end)).toEqual(expected);
    }
  });

  it('keys common words on rare grams without losing the trigger inside them', () => {
    expect(hits('order connection import pword=1 session_id=2 JSESSIONID=3')).toEqual([
      'pword',
      'session',
      'SESSION',
      'SESSIONID',
    ]);
  });
});
