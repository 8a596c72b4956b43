// manifest.json: the bundle's own account of what it holds (docs/bundle-format.md).
// Readers are lenient (loose objects) so an older casepack can still verify a newer bundle's checksums.
import { z } from 'zod';

export const MANIFEST_FORMAT_VERSION = 1;

export const itemStatusSchema = z.enum(['collected', 'truncated', 'skipped', 'failed']);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const itemTypeSchema = z.enum([
  'file',
  'command',
  'system',
  'check',
  'change',
  'attachment',
  'screenshot',
  'meta',
]);
export type ItemType = z.infer<typeof itemTypeSchema>;

export const manifestItemSchema = z.looseObject({
  /** Unique within the manifest. */
  id: z.string(),
  /** The profile spec (files/commands entry id) it came from, if any. */
  spec: z.string().optional(),
  type: itemTypeSchema,
  kind: z.enum(['log', 'config', 'other']).optional(),
  /** The file's path on the host; for a command, its id. */
  source: z.string(),
  argv: z.array(z.string()).optional(),
  /** Entry name in the zip; absent when nothing was written. */
  path: z.string().optional(),
  /** Bytes of the entry as stored (after filtering and redaction), uncompressed. */
  size: z.number().optional(),
  compressedSize: z.number().optional(),
  /** sha256 (hex) of the entry as stored, uncompressed. */
  sha256: z.string().optional(),
  status: itemStatusSchema,
  reason: z.string().optional(),
  /** Size of the source when it was opened. */
  sourceSize: z.number().optional(),
  mtime: z.string().optional(),
  window: z
    .looseObject({
      applied: z.boolean(),
      format: z.string().optional(),
      linesKept: z.number().optional(),
      linesDropped: z.number().optional(),
      note: z.string().optional(),
    })
    .optional(),
  exitCode: z.number().nullable().optional(),
  signal: z.string().nullable().optional(),
  timedOut: z.boolean().optional(),
  startedAt: z.string().optional(),
  durationMs: z.number().optional(),
  redaction: z
    .looseObject({
      counts: z.record(z.string(), z.number()),
      skipped: z.string().optional(),
    })
    .optional(),
});
export type ManifestItem = z.infer<typeof manifestItemSchema>;

export const manifestSchema = z.looseObject({
  formatVersion: z.number().int(),
  tool: z.looseObject({ name: z.literal('casepack'), version: z.string() }),
  createdAt: z.string(),
  host: z.looseObject({
    name: z.string(),
    platform: z.string().optional(),
    pseudonymized: z.boolean().optional(),
  }),
  profiles: z.array(
    z.looseObject({
      name: z.string(),
      source: z.string().optional(),
      sha256: z.string().optional(),
    }),
  ),
  window: z.looseObject({ since: z.string(), until: z.string(), timezone: z.string() }),
  case: z
    .looseObject({
      mode: z.enum(['new', 'update']).optional(),
      caseNumber: z.string().optional(),
      referenceId: z.string().optional(),
      /** The case type and severity, so a reader of the manifest alone knows what kind of case. */
      type: z.string().optional(),
      severity: z.string().optional(),
    })
    .optional(),
  options: z.looseObject({ systemReport: z.boolean() }).optional(),
  items: z.array(manifestItemSchema),
  summary: z
    .looseObject({
      collected: z.number(),
      truncated: z.number(),
      skipped: z.number(),
      failed: z.number(),
      bytes: z.number(),
      durationMs: z.number(),
    })
    .optional(),
  redaction: z
    .looseObject({
      counts: z.record(z.string(), z.number()),
      /** Categories of identifying values replaced by pseudonyms in this bundle. */
      pseudonymized: z.array(z.string()).optional(),
      /**
       * What the collection's leak check found after the bundle was written (entry, line, rule;
       * never the value). Any finding for an entry still in the bundle makes it not releasable.
       */
      leaks: z
        .array(z.looseObject({ entry: z.string(), line: z.number(), rule: z.string() }))
        .optional(),
    })
    .optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;
