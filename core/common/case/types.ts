// The case types as plain data, without the schema (zod): the CLI lists them in its help, which
// must not load the schemas (`casepack --help` start-up, issue 7).
export const CASE_TYPES = [
  'question',
  'enhancement',
  'product-error',
  'unexpected-behavior',
  'performance',
] as const;
