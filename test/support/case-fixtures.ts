// Minimal complete cases per type, as a customer would write them: exactly the required fields.
import type { CaseInput, CaseType } from '../../core/common/case/schema.js';

const BASE = {
  contact: { name: 'Dana Smith', email: 'dana@example.org' },
  product: { name: 'IGL Server', version: '5.10' },
  severity: 'P3',
  summary: 'Nightly reconciliation job fails',
  description: 'The nightly reconciliation job stops with an error since Monday.',
} as const;

const EXTRA: Record<CaseType, Partial<CaseInput>> = {
  question: { severity: 'P4', summary: 'How do I rotate the audit log?' },
  enhancement: {
    severity: 'P4',
    summary: 'Export role assignments as CSV',
    description: 'Auditors ask each quarter for all role assignments; today we copy them by hand.',
  },
  'product-error': {
    stepsToReproduce: '1. Start the job\n2. Wait for the error',
    expected: 'The job finishes',
    actual: 'java.lang.IllegalStateException: connector closed',
  },
  'unexpected-behavior': {
    stepsToReproduce: ['Open the user list', 'Sort by last login'],
    expected: 'Newest first',
    actual: 'Oldest first',
  },
  performance: { startedAt: '2026-11-27 09:30' },
};

export function minimalCase(type: CaseType): CaseInput {
  return {
    ...structuredClone(BASE),
    type,
    ...(structuredClone(EXTRA[type]) as Partial<CaseInput>),
  } as CaseInput;
}

/** The required keys per type for a P2-P4 new case (the interface). */
export const REQUIRED: Record<CaseType, string[]> = {
  question: [],
  enhancement: [],
  'product-error': ['stepsToReproduce', 'expected', 'actual'],
  'unexpected-behavior': ['stepsToReproduce', 'expected', 'actual'],
  performance: ['startedAt'],
};
export const REQUIRED_ALWAYS = [
  'contact.name',
  'contact.email',
  'product.name',
  'product.version',
  'type',
  'severity',
  'summary',
  'description',
];

/** A copy of the case without one dotted key. */
export function without(c: CaseInput, key: string): CaseInput {
  const copy = structuredClone(c) as Record<string, unknown>;
  const parts = key.split('.');
  let obj = copy;
  for (const p of parts.slice(0, -1)) obj = obj[p] as Record<string, unknown>;
  delete obj[parts[parts.length - 1]!];
  return copy as CaseInput;
}
