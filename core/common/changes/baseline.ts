// A configuration baseline (`casepack snapshot`): the redacted content and checksums of a
// profile's configuration files at one moment, kept in the data directory so that a later
// collection can show what changed. Read leniently: a baseline written by an older casepack must
// keep working; one from a newer format is reported and set aside, never misread.
import { z } from 'zod';

/** Version 1: baseline.json + files/NNNN (redacted content), one directory per baseline. */
export const BASELINE_FORMAT_VERSION = 1;

export const baselineFileSchema = z.looseObject({
  /** The path on the host. */
  path: z.string(),
  /** The profile's files entry it came from. */
  spec: z.string().optional(),
  /** `stored`: content kept; `binary` / `too-large`: checksum only; `unreadable`: neither. */
  status: z.string(),
  reason: z.string().optional(),
  size: z.number().optional(),
  mtime: z.string().optional(),
  /** sha256 of the *redacted* content (what is compared; the original's hash is never kept). */
  sha256: z.string().optional(),
  /** The stored content, relative to the baseline directory. */
  content: z.string().optional(),
});
export type BaselineFile = z.infer<typeof baselineFileSchema>;

export const baselineSchema = z.looseObject({
  formatVersion: z.number().int(),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  host: z.string().optional(),
  profile: z.looseObject({
    name: z.string(),
    source: z.string().optional(),
    sha256: z.string().optional(),
  }),
  files: z.array(baselineFileSchema),
  redaction: z.looseObject({ counts: z.record(z.string(), z.number()) }).optional(),
});
export type Baseline = z.infer<typeof baselineSchema>;
