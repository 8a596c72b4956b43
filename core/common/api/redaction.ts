// API contract of the redaction methods (CLI, HTTP and IPC callers validate with these).
import { z } from 'zod';

export const scrubArgsSchema = z.strictObject({
  inDir: z.string().min(1),
  outDir: z.string().min(1),
  /** `hosts,ips,emails,users,keywords`, `all` or `none`; default: the settings / site policy. */
  pseudonymize: z.string().optional(),
});
export type ScrubArgs = z.input<typeof scrubArgsSchema>;

export const pseudonymLookupArgsSchema = z.strictObject({
  token: z.string().min(1),
});
export type PseudonymLookupArgs = z.input<typeof pseudonymLookupArgsSchema>;

export interface PseudonymLookupReply {
  token: string;
  found: Array<{ token: string; category: string; value: string }>;
  /** Why nothing was found, or why a token is ambiguous (then `found` is empty). */
  note?: string;
  /** IP mappings an older casepack stored for this token (IP pseudonyms changed since). */
  legacy?: Array<{ token: string; category: string; value: string }>;
}
