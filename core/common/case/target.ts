// The hook through which a submission target (configured by the submitters in `targets.NAME`)
// restricts case numbers and reference IDs. Formats are permissive unless a target says otherwise.
import { z } from 'zod';
import type { CaseTargetRules } from './rules.js';

const regex = z.string().refine(
  (p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Keys a target's settings may carry; submitters spread `.shape` into their target schemas. */
export const caseTargetRulesSchema = z.object({
  /** The whole case number must match, e.g. `\d{5,8}` (RT ticket numbers). */
  caseNumberPattern: regex.optional(),
  /** How a valid case number looks, shown when one does not match ("5 to 8 digits"). */
  caseNumberHint: z.string().optional(),
  referenceIdPattern: regex.optional(),
  referenceIdHint: z.string().optional(),
  /** Updates through this target must carry the reference ID. */
  requireReferenceId: z.boolean().optional(),
});

/**
 * The case rules of one configured target. Lenient: the settings loader validates the target; an
 * unusable pattern that still gets here is reported by `checkCase` as the target's fault.
 */
export function targetRules(name: string, target: unknown): CaseTargetRules {
  const t = (target && typeof target === 'object' ? target : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof t[k] === 'string' ? (t[k] as string) : undefined);
  const rules: CaseTargetRules = { name };
  for (const k of [
    'caseNumberPattern',
    'caseNumberHint',
    'referenceIdPattern',
    'referenceIdHint',
  ] as const) {
    const v = str(k);
    if (v !== undefined) rules[k] = v;
  }
  if (t.requireReferenceId === true) rules.requireReferenceId = true;
  return rules;
}
