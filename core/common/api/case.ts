// The case part of the API (one plain-object argument per method, validated by these schemas;
// plain JSON results). Implemented by core/node/case/service-methods.ts; the CLI calls it directly,
// the UI over HTTP or Electron IPC.
import { z } from 'zod';
import type { ArtifactNeed, FieldNeed } from '../case/rules.js';
import type { CaseCheckResult } from '../case/check.js';
import type { CaseFieldInfo } from '../case/fields.js';
import type { CaseTypeInfo, SeverityInfo } from '../case/definitions.js';
import {
  caseContactSchema,
  caseSchema,
  type Case,
  type CaseContact,
  type CaseType,
} from '../case/schema.js';

export const caseCheckArgs = z.strictObject({
  case: caseSchema,
  /** A configured target's name: its case-number and reference-ID rules apply. */
  target: z.string().optional(),
});
export type CaseCheckArgs = z.input<typeof caseCheckArgs>;
export type CaseCheckReply = CaseCheckResult;

export const caseLoadArgs = z.strictObject({ file: z.string().min(1) });
export interface CaseLoadReply {
  file: string;
  case: Case;
}

export const caseSaveArgs = z.strictObject({
  file: z.string().min(1),
  case: caseSchema,
  /** Replace an existing file (default: refuse, so nothing the user wrote is lost). */
  overwrite: z.boolean().optional(),
});
export interface CaseSaveReply {
  file: string;
}

export const caseDefaultsArgs = z.strictObject({
  /** Profile names or files whose product facts are used. */
  profiles: z.array(z.string()).optional(),
});
/** What casepack can fill in by itself: detected platform and product, remembered contact. */
export interface CaseDefaultsReply {
  contact?: CaseContact;
  product?: { name?: string; version?: string };
  platform?: { os?: string; version?: string; architecture?: string; javaVersion?: string };
  /** What could not be detected, and why (never fatal). */
  notes: string[];
}

export const contactGetArgs = z.strictObject({});
export interface ContactReply {
  contact: CaseContact;
}
export const contactSetArgs = z.strictObject({ contact: caseContactSchema });

export const caseDefinitionsArgs = z.strictObject({});
export interface CaseDefinitionsReply {
  types: CaseTypeInfo[];
  severities: SeverityInfo[];
  fields: CaseFieldInfo[];
  channels: Array<{ key: string; label: string }>;
  frequencies: Array<{ key: string; label: string }>;
  /** Per type: the fields and artifacts it needs (for a P4 new case; P1 adds the phone). */
  rules: Record<CaseType, { fields: FieldNeed[]; artifacts: ArtifactNeed[] }>;
}

/** Method name -> argument schema, for the transports' validation. */
export const CASE_API_ARGS = {
  caseCheck: caseCheckArgs,
  caseLoad: caseLoadArgs,
  caseSave: caseSaveArgs,
  caseDefaults: caseDefaultsArgs,
  contactGet: contactGetArgs,
  contactSet: contactSetArgs,
  caseDefinitions: caseDefinitionsArgs,
} as const;
