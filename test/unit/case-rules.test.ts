import { describe, expect, it } from 'vitest';
import { checkArtifacts } from '../../core/common/case/artifacts.js';
import { checkCase } from '../../core/common/case/check.js';
import { CASE_RULES, fieldNeeds } from '../../core/common/case/rules.js';
import { CASE_TYPES, caseSchema, type CaseInput } from '../../core/common/case/schema.js';
import { targetRules } from '../../core/common/case/target.js';
import { parseCaseTime } from '../../core/common/case/time.js';
import type { Manifest } from '../../core/common/manifest/schema.js';
import { minimalCase, REQUIRED, REQUIRED_ALWAYS, without } from '../support/case-fixtures.js';

const check = (c: CaseInput, opts = {}) => checkCase(caseSchema.parse(c), opts);

describe('completeness rules per case type', () => {
  for (const type of CASE_TYPES) {
    it(`a minimal ${type} case is complete`, () => {
      const r = check(minimalCase(type));
      expect(r.missing).toEqual([]);
      expect(r.complete).toBe(true);
    });

    for (const key of [...REQUIRED_ALWAYS, ...REQUIRED[type]]) {
      it(`${type} without ${key} is incomplete and says why`, () => {
        const r = check(without(minimalCase(type), key));
        expect(r.complete).toBe(false);
        expect(r.missing.map((p) => p.key)).toEqual([key]);
        expect(r.missing[0]!.why.length).toBeGreaterThan(20);
      });
    }
  }

  it('lists no field a type does not require among the missing ones', () => {
    const r = check({ type: 'enhancement' });
    expect(r.missing.map((p) => p.key).sort()).toEqual(
      REQUIRED_ALWAYS.filter((k) => k !== 'type').sort(),
    );
    expect(r.missing.map((p) => p.key)).not.toContain('stepsToReproduce');
  });

  it('explains the description of an enhancement request as its use case', () => {
    const r = check(without(minimalCase('enhancement'), 'description'));
    expect(r.missing[0]!.why).toMatch(/use case/);
    expect(CASE_RULES.enhancement.artifacts.logs).toBeUndefined();
  });

  it('requires a phone for a P1 and recommends a 24x7 contact', () => {
    const r = check({ ...minimalCase('product-error'), severity: 'P1' });
    expect(r.missing.map((p) => p.key)).toEqual(['contact.phone']);
    expect(r.missing[0]!.why).toMatch(/around the clock/);
    expect(r.recommended.map((p) => p.key)).toContain('contact.onCall.phone');
    const ok = check({
      ...minimalCase('product-error'),
      severity: 'P1',
      contact: { name: 'A', email: 'a@example.org', phone: '+1 555 0100 200' },
    });
    expect(ok.complete).toBe(true);
  });

  it('treats blanks as missing and rejects a malformed required e-mail', () => {
    const blank = check({ ...minimalCase('question'), summary: '   ' });
    expect(blank.missing.map((p) => p.key)).toEqual(['summary']);
    const bad = check({
      ...minimalCase('question'),
      contact: { name: 'A', email: 'not-an-address' },
    });
    expect(bad.missing).toMatchObject([
      {
        key: 'contact.email',
        issue: 'invalid',
        message: '"not-an-address" is not an e-mail address',
      },
    ]);
  });

  it('needs the case number for an update, and the reference ID when the target says so', () => {
    const upd = { ...minimalCase('question'), mode: 'update' } as CaseInput;
    expect(check(upd).missing.map((p) => p.key)).toEqual(['caseNumber']);
    const target = targetRules('vendor-rt', {
      type: 'rt',
      caseNumberPattern: '\\d{5,8}',
      caseNumberHint: '5 to 8 digits',
      requireReferenceId: true,
    });
    const r = check({ ...upd, caseNumber: 'ABC-1' }, { target });
    expect(r.missing.map((p) => [p.key, p.issue])).toEqual([
      ['caseNumber', 'invalid'],
      ['referenceId', 'missing'],
    ]);
    expect(r.missing[0]!.message).toBe(
      '"ABC-1" is not in the format the target "vendor-rt" expects (5 to 8 digits)',
    );
    expect(check({ ...upd, caseNumber: 12345, referenceId: 'R-1' }, { target }).complete).toBe(
      true,
    );
    // Without a target, formats are permissive.
    expect(check({ ...upd, caseNumber: 'ABC-1' }).complete).toBe(true);
  });

  it('warns (without blocking) about a case number on a new case and an unreadable start time', () => {
    const r = check({
      ...minimalCase('performance'),
      caseNumber: '123',
      startedAt: 'last Tuesday',
    });
    expect(r.complete).toBe(true);
    expect(r.warnings.map((w) => w.key)).toEqual(['caseNumber', 'startedAt']);
  });

  it('asks a performance case for the start time, and lists the platform as recommended', () => {
    const needs = new Map(fieldNeeds({ type: 'performance' }).map((n) => [n.key, n.need]));
    expect(needs.get('startedAt')).toBe('required');
    expect(needs.get('platform.javaVersion')).toBe('recommended');
    expect(needs.get('stepsToReproduce')).toBe('recommended');
  });
});

describe('case times', () => {
  it('reads ISO dates and date-times, with or without a zone', () => {
    expect(parseCaseTime('2026-11-27T09:30:00Z')).toBe(Date.UTC(2026, 10, 27, 9, 30));
    expect(parseCaseTime('2026-11-27 09:30+01:00')).toBe(Date.UTC(2026, 10, 27, 8, 30));
    expect(parseCaseTime('2026-11-27 09:30')).toBe(new Date(2026, 10, 27, 9, 30).getTime());
    expect(parseCaseTime('2026-11-27')).toBe(new Date(2026, 10, 27).getTime());
    expect(parseCaseTime('2026-02-31')).toBeUndefined();
    expect(parseCaseTime('yesterday')).toBeUndefined();
  });
});

function manifest(items: Manifest['items']): Pick<Manifest, 'items' | 'window'> {
  return {
    items,
    window: { since: '2026-11-26T00:00:00Z', until: '2026-11-28T00:00:00Z', timezone: 'UTC' },
  };
}
const sys = { id: 'sys-os', type: 'system', source: 'os', status: 'collected', size: 10 } as const;

describe('artifacts a bundle needs for its case type', () => {
  it('warns when a product error has no logs in the window', () => {
    const emptyLog = {
      id: 'app-log',
      type: 'file',
      kind: 'log',
      source: '/var/log/app.log',
      status: 'collected',
      size: 0,
      window: { applied: true, linesKept: 0 },
    } as const;
    const r = checkArtifacts(
      caseSchema.parse(minimalCase('product-error')),
      manifest([sys, emptyLog]),
    );
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ artifact: 'logs' });
    expect(r.warnings[0]!.message).toMatch(/a product error needs product logs/);
    const withLogs = checkArtifacts(
      caseSchema.parse(minimalCase('product-error')),
      manifest([sys, { ...emptyLog, size: 120, window: { applied: true, linesKept: 3 } }]),
    );
    expect(withLogs.warnings).toEqual([]);
  });

  it('asks nothing of an enhancement request', () => {
    const r = checkArtifacts(caseSchema.parse(minimalCase('enhancement')), manifest([]));
    expect(r).toEqual({ findings: [], warnings: [] });
  });

  it('wants resource figures over time for a performance issue', () => {
    const c = caseSchema.parse({ ...minimalCase('performance'), startedAt: '2026-11-27T09:30Z' });
    const r = checkArtifacts(c, manifest([sys]));
    expect(r.warnings.map((w) => w.artifact)).toEqual(['resource-figures']);
    const vm: Manifest['items'][number] = {
      id: 'vmstat',
      type: 'command',
      source: 'vmstat',
      argv: ['/usr/bin/vmstat', '5', '12'],
      status: 'collected',
      size: 900,
    };
    expect(checkArtifacts(c, manifest([sys, vm])).warnings).toEqual([]);
  });

  it('warns when the problem started before the collection window', () => {
    const c = caseSchema.parse({ ...minimalCase('question'), startedAt: '2026-11-20T08:00Z' });
    const r = checkArtifacts(c, manifest([]));
    expect(r.warnings[0]!.message).toMatch(
      /before this bundle's time window.*--since "2026-11-20T08:00Z"/,
    );
  });
});
