// What the choices in a case mean, in words a customer understands. Shown wherever a choice is
// made: `casepack case new`, the UI, `casepack case show`, docs/cases.md.
import type { CaseType, Severity } from './schema.js';

export interface CaseTypeInfo {
  key: CaseType;
  label: string;
  /** The type in a sentence ("needed for a product error"). */
  phrase: string;
  /** One or two sentences: when to choose this type. */
  help: string;
}

export const CASE_TYPE_INFO: Record<CaseType, CaseTypeInfo> = {
  question: {
    key: 'question',
    phrase: 'a question',
    label: 'Question / how-to',
    help: 'You want to know how to do something or how something works. Nothing is broken.',
  },
  enhancement: {
    key: 'enhancement',
    phrase: 'an enhancement request',
    label: 'Enhancement request',
    help:
      'The product works as designed, but you need it to do something more or different. ' +
      'Describe your use case: what you want to do and why.',
  },
  'product-error': {
    key: 'product-error',
    phrase: 'a product error',
    label: 'Product error',
    help:
      'The product fails: an error message, a crash, a job that fails, a component that does ' +
      'not start.',
  },
  'unexpected-behavior': {
    key: 'unexpected-behavior',
    phrase: 'unexpected behaviour',
    label: 'Unexpected behaviour',
    help:
      'There is no error, but the product does not do what you expect or what the ' +
      'documentation says.',
  },
  performance: {
    key: 'performance',
    phrase: 'a performance issue',
    label: 'Performance issue',
    help: 'The product is slower than usual, times out, or uses too much CPU, memory or disk.',
  },
};

export interface SeverityInfo {
  key: Severity;
  label: string;
  /** The plain definition shown wherever a severity is chosen. */
  definition: string;
  /** The three questions the definition answers, for UIs that show them as a table. */
  businessImpact: string;
  production: string;
  workaround: string;
}

export const SEVERITY_INFO: Record<Severity, SeverityInfo> = {
  P1: {
    key: 'P1',
    label: 'P1 - Critical',
    definition:
      'Production is down or unusable, or data is being lost or corrupted, and there is no ' +
      'workaround. Your business cannot go on. Support works on it around the clock, so we ' +
      'need someone we can call at any hour.',
    businessImpact: 'business stopped',
    production: 'production',
    workaround: 'none',
  },
  P2: {
    key: 'P2',
    label: 'P2 - High',
    definition:
      'Production runs, but an important function fails or is badly degraded and there is no ' +
      'acceptable workaround. Many users or a key business process are affected.',
    businessImpact: 'major',
    production: 'production',
    workaround: 'none acceptable',
  },
  P3: {
    key: 'P3',
    label: 'P3 - Medium',
    definition:
      'Part of a function fails or behaves wrongly, but there is a workaround; or a serious ' +
      'problem on a test or development system. Work goes on, less efficiently.',
    businessImpact: 'moderate',
    production: 'production with a workaround, or test/development',
    workaround: 'yes',
  },
  P4: {
    key: 'P4',
    label: 'P4 - Low',
    definition:
      'A question, a how-to, a cosmetic or documentation problem, or an enhancement request. ' +
      'Little or no effect on your business.',
    businessImpact: 'little or none',
    production: 'any system',
    workaround: 'not needed',
  },
};

export const CONTACT_CHANNEL_LABELS = {
  email: 'E-mail',
  phone: 'Phone',
  portal: 'The support portal',
} as const;

export const FREQUENCY_LABELS = {
  once: 'It happened once',
  intermittent: 'It happens now and then',
  always: 'It happens every time',
} as const;
