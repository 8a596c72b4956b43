// The case model (docs/cases.md): every field Level 1 support asks for. The schema checks only
// shapes and types, so a half-written draft still loads; which fields a case *needs* is decided
// by the completeness rules (rules.ts), per case type, in one place.
import { z } from 'zod';
import { CASE_TYPES } from './types.js';

export { CASE_TYPES };
export const caseTypeSchema = z.enum(CASE_TYPES);
export type CaseType = z.infer<typeof caseTypeSchema>;

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const caseModeSchema = z.enum(['new', 'update']);
export type CaseMode = z.infer<typeof caseModeSchema>;

export const CONTACT_CHANNELS = ['email', 'phone', 'portal'] as const;
export const contactChannelSchema = z.enum(CONTACT_CHANNELS);

export const FREQUENCIES = ['once', 'intermittent', 'always'] as const;
export const frequencySchema = z.enum(FREQUENCIES);

export const ATTACHMENT_KINDS = ['test-case', 'screenshot', 'export', 'other'] as const;

/** An optional part of the case; an empty `contact:` in a file means "not given". */
function part<T extends z.ZodType>(schema: T) {
  // `.optional()` last, so the key is optional in the output type as well.
  return schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
}

/** Free text. `~`/null in a file means "not given". Size is bounded only by sanity (a 1 MB description is fine). */
const text = part(
  z.string().max(8 * 1024 * 1024, 'longer than 8 MiB: attach it as a file instead'),
);

/** Identifiers people often write as bare numbers (`caseNumber: 12345`). */
const ident = part(
  z.union([z.string().max(200), z.number().int().nonnegative()]).transform((v) => String(v)),
);

export const onCallSchema = z.strictObject({ name: text, phone: text });

export const caseContactSchema = z.strictObject({
  name: text,
  email: text,
  phone: text,
  organization: text,
  /** How the customer prefers to be reached. */
  preferredChannel: part(contactChannelSchema),
  /** IANA time zone (e.g. Europe/Berlin) so L1 calls at a sensible hour. */
  timeZone: text,
  /** For a P1: someone who can be reached at any hour while the case is open. */
  onCall: part(onCallSchema),
});
export type CaseContact = z.output<typeof caseContactSchema>;

export const caseProductSchema = z.strictObject({
  name: text,
  version: text,
  /** Patches, hotfixes or fix packs installed on top of the version. */
  patches: part(z.array(z.string())),
});

export const casePlatformSchema = z.strictObject({
  os: text,
  version: text,
  architecture: text,
  javaVersion: text,
});

export const attachmentSchema = z
  .union([
    z.string(),
    z.strictObject({
      path: z.string(),
      description: z.string().optional(),
      kind: z.enum(ATTACHMENT_KINDS).optional(),
    }),
  ])
  .transform((a) => (typeof a === 'string' ? { path: a } : a));
export type CaseAttachment = z.output<typeof attachmentSchema>;

/** Steps as one text or as a list (one step per item), kept as one text with one step per line. */
const steps = part(
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v.join('\n') : v)),
);

export const caseSchema = z.strictObject({
  /** `new` opens a case; `update` adds to an existing one (caseNumber, and referenceId if the target needs it). */
  mode: part(caseModeSchema),
  caseNumber: ident,
  referenceId: ident,
  contact: part(caseContactSchema),
  product: part(caseProductSchema),
  platform: part(casePlatformSchema),
  type: part(caseTypeSchema),
  severity: part(severitySchema),
  summary: text,
  /** What happened, in the customer's words. For an enhancement request: the use case. */
  description: text,
  stepsToReproduce: steps,
  expected: text,
  actual: text,
  /** When it started: an ISO date/time (local time of the host unless a zone is given). */
  startedAt: text,
  frequency: part(frequencySchema),
  recentChanges: text,
  businessImpact: text,
  attachments: part(z.array(attachmentSchema)),
});

/** A case as loaded (every field optional: completeness is the rules' business, not the schema's). */
export type Case = z.output<typeof caseSchema>;
/** A case as written in a file or sent by the UI. */
export type CaseInput = z.input<typeof caseSchema>;
