// The redaction options a user or a site sets: the `redaction` section of the settings file and
// the site policy file share this shape (docs/redaction.md). Profiles add `rules`, `keep` and
// `keywords` through their own `redaction` section (core/common/profile/schema.ts).
import { z } from 'zod';

export const PSEUDONYM_CATEGORIES = ['hosts', 'ips', 'emails', 'users', 'keywords'] as const;
export type PseudonymCategory = (typeof PSEUDONYM_CATEGORIES)[number];

const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" and "-"');

export const customRuleSchema = z
  .strictObject({
    id: ruleId,
    /** A regex (RE2 syntax) with a named group `secret`: only that group is replaced. */
    pattern: z.string().min(1).optional(),
    /** Key names whose values are secret in any key/value syntax. */
    keys: z.array(z.string().min(1)).optional(),
    /** Regex flags: i, m, s. */
    flags: z
      .string()
      .regex(/^[imsgu]*$/, 'use the flags i, m and s')
      .optional(),
    /** Literals one of which occurs on every line the pattern matches (makes the rule fast). */
    triggers: z.array(z.string().min(2)).optional(),
  })
  .refine((r) => r.pattern !== undefined || (r.keys?.length ?? 0) > 0, {
    message: 'a rule needs a pattern or keys',
  });

export const pseudonymizeSchema = z.union([
  z.literal('all'),
  z.literal('none'),
  z.array(z.enum(PSEUDONYM_CATEGORIES)),
]);

export const redactionOptionsSchema = z.strictObject({
  /** Categories of identifying values replaced by keyed pseudonyms (off by default). */
  pseudonymize: pseudonymizeSchema.optional(),
  /** Words to pseudonymise when `keywords` is on (the company name, product code names). */
  keywords: z.array(z.string().min(2)).optional(),
  /** DNS domains whose host names are pseudonymised when `hosts` is on (besides this host's). */
  domains: z.array(z.string().min(2)).optional(),
  /** Extra secret rules. */
  rules: z.array(customRuleSchema).optional(),
  /** Key names that are never redacted (`password_policy`). */
  keep: z.array(z.string().min(1)).optional(),
  /** Rule (marker) names switched off for redaction. The leak check still looks for them. */
  disable: z.array(z.string().min(1)).optional(),
});

export const redactionSettingsSchema = redactionOptionsSchema.extend({
  /** The site policy file (default /etc/casepack/redaction-policy.yaml when it exists). */
  policy: z.string().optional(),
  /**
   * Threads that redact a collection: 1 (default) redacts on the main thread; 2 or more add
   * worker threads (each about 50 MB of memory) for runs where the redactor is the bottleneck.
   */
  threads: z.number().int().min(1).max(16).optional(),
});

export type RedactionOptions = z.output<typeof redactionOptionsSchema>;
export type RedactionSettings = z.output<typeof redactionSettingsSchema>;

/** `--pseudonymize hosts,ips` / `all` / `none` -> categories; throws a message for a bad name. */
export function parsePseudonymize(
  value: string | readonly string[] | undefined,
): PseudonymCategory[] {
  if (value === undefined) return [];
  const parts = (typeof value === 'string' ? value.split(',') : [...value])
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.includes('all')) return [...PSEUDONYM_CATEGORIES];
  if (parts.length === 1 && parts[0] === 'none') return [];
  const bad = parts.filter((p) => !(PSEUDONYM_CATEGORIES as readonly string[]).includes(p));
  if (bad.length > 0)
    throw new Error(
      `unknown pseudonymisation category "${bad[0]}" (use ${PSEUDONYM_CATEGORIES.join(', ')} or all)`,
    );
  return [...new Set(parts)] as PseudonymCategory[];
}
