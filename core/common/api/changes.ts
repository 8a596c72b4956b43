// The recent-changes part of the API: baselines (`casepack snapshot`) and bundle comparison
// (`casepack diff`). Implemented by core/node/changes/service-methods.ts.
import { z } from 'zod';

export const snapshotArgs = z.strictObject({
  /** Profile names or files; default as for a collection. */
  profiles: z.array(z.string().min(1)).max(32).optional(),
  /** How many baselines to keep per profile (default 5). */
  keep: z.number().int().min(1).max(1000).optional(),
  /** Relative profile paths are resolved against this directory. */
  cwd: z.string().optional(),
});
export type SnapshotArgs = z.input<typeof snapshotArgs>;

export interface SnapshotReply {
  baselines: Array<{
    profile: string;
    dir: string;
    createdAt: string;
    files: number;
    /** Kept as redacted text (diffable). */
    stored: number;
    /** Kept as a checksum only (binary or too large). */
    checksumOnly: number;
    unreadable: Array<{ path: string; reason: string }>;
    /** Older baselines removed to keep the last `keep`. */
    pruned: number;
  }>;
  /** Profiles that list no configuration files (nothing to record). */
  notes: string[];
}

export const diffBundlesArgs = z.strictObject({
  old: z.string().min(1),
  new: z.string().min(1),
});
export type DiffBundlesArgs = z.input<typeof diffBundlesArgs>;
