import { describe, expect, it } from 'vitest';
import { applyCasePatch, parseCaseSets } from '../../core/common/case/set-fields.js';
import { CasepackError } from '../../core/common/errors.js';

function usageError(sets: string[]): CasepackError {
  try {
    parseCaseSets(sets);
  } catch (e) {
    expect(e).toBeInstanceOf(CasepackError);
    expect((e as CasepackError).code).toBe('usage');
    return e as CasepackError;
  }
  throw new Error(`no error for ${sets.join(' ')}`);
}

describe('--set FIELD=VALUE into a case patch', () => {
  it('builds nested fields from dotted keys; later assignments win', () => {
    expect(
      parseCaseSets([
        'severity=P2',
        'summary=Login fails',
        'contact.email=ana@example.com',
        'contact.onCall.phone=+1 555 0100',
        'summary=Login fails = always',
      ]),
    ).toEqual({
      severity: 'P2',
      summary: 'Login fails = always',
      contact: { email: 'ana@example.com', onCall: { phone: '+1 555 0100' } },
    });
  });

  it('splits list fields at commas and keeps identifiers as text', () => {
    expect(parseCaseSets(['product.patches=HF1, HF2,', 'caseNumber=00123'])).toEqual({
      product: { patches: ['HF1', 'HF2'] },
      caseNumber: '00123',
    });
    expect(parseCaseSets(['attachments=a.txt,shot.png']).attachments).toEqual([
      { path: 'a.txt' },
      { path: 'shot.png' },
    ]);
  });

  it('names the field that is unknown, lacks a value, or has a wrong one', () => {
    expect(usageError(['nosuch=1']).message).toMatch(/^--set nosuch: unknown case field/);
    expect(usageError(['nosuch=1']).where).toBe('nosuch');
    expect(usageError(['contact=x']).message).toMatch(/--set contact: unknown case field/);
    expect(usageError(['severity']).message).toMatch(/--set severity: give a value/);
    const bad = usageError(['summary=ok', 'severity=P9']);
    expect(bad.message).toMatch(/^--set severity: /);
    expect(bad.where).toBe('severity');
    expect(usageError(['contact.preferredChannel=fax']).where).toBe('contact.preferredChannel');
  });

  it('applies a patch over a case field by field, keeping what it does not name', () => {
    const base = {
      summary: 'old',
      contact: { name: 'Ana', email: 'old@example.com' },
      product: { name: 'X', patches: ['HF0'] },
    };
    const patch = parseCaseSets(['contact.email=ana@example.com', 'product.patches=HF1']);
    expect(applyCasePatch(base, patch)).toEqual({
      summary: 'old',
      contact: { name: 'Ana', email: 'ana@example.com' },
      product: { name: 'X', patches: ['HF1'] },
    });
    expect(base.contact.email).toBe('old@example.com');
  });
});
