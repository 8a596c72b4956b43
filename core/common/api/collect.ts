// The collection engine's service methods: their arguments (zod, validated on the host side of
// every transport) and results (plain data). The CLI, `serve` and the desktop app call the same.
import { z } from 'zod';
import { caseSchema } from '../case/schema.js';
import type { Plan } from '../collect/plan.js';
import type { ErrorInfo } from '../errors.js';
import type { CollectProgress } from '../events.js';
import type { ManifestItem } from '../manifest/schema.js';

const profileRefs = z
  .array(z.string().min(1).max(4096))
  .max(32)
  .optional()
  .describe(
    'shipped profile names or profile file paths; default: settings collect.profiles, else linux-host',
  );
const time = z.string().min(1).max(64).optional();

export const planArgsSchema = z.strictObject({
  profiles: profileRefs,
  /** `24h`, `7d` or an ISO date-time; default: settings collect.since, else 72h. */
  since: time,
  until: time,
  /** Relative profile paths are resolved against this directory. */
  cwd: z.string().max(4096).optional(),
});
export type PlanArgs = z.input<typeof planArgsSchema>;

export const collectArgsSchema = planArgsSchema.extend({
  /** A case file (YAML/JSON) on the host; its case becomes the bundle's case.json (`--case-file`). */
  caseFile: z.string().min(1).max(4096).optional(),
  /** A case given as data (the UI's form); wins over caseFile. */
  case: caseSchema.optional(),
  /** An existing case's number (`--case N`): the bundle is an update of that case. */
  caseNumber: z.string().trim().min(1).max(200).optional(),
  /** The existing case's reference ID (`--ref R`). */
  referenceId: z.string().trim().min(1).max(200).optional(),
  /** `--set FIELD=VALUE` assignments (core/common/case/set-fields.ts), applied over the case. */
  set: z.array(z.string()).max(500).optional(),
  /** Where package history, cron jobs and services are read for "recent changes" (default /). */
  changesRoot: z.string().min(1).max(4096).optional(),
  /** Where the bundle is written; default: settings collect.outDir, else the current directory. */
  outDir: z.string().max(4096).optional(),
  /** Include the system report (default true). */
  systemReport: z.boolean().default(true),
  /**
   * Pseudonymise identifying values: `hosts,ips,emails,users,keywords`, `all` or `none`; default:
   * settings `redaction.pseudonymize` and the site policy (docs/redaction.md).
   */
  pseudonymize: z.string().max(200).optional(),
  /**
   * Plan item ids the user switched off: they are not collected and the manifest lists each as
   * skipped, "switched off before the run". Ids no longer in the plan are ignored.
   */
  exclude: z.array(z.string().min(1).max(8192)).max(100_000).optional(),
});
export type CollectArgs = z.input<typeof collectArgsSchema>;

/** A collection run in the background (the UI): which run, to follow by its events. */
export const collectRunArgsSchema = z.strictObject({ runId: z.string().min(1).max(100) });
export const collectSkipArgsSchema = collectRunArgsSchema.extend({
  /** A plan item id: a running item is stopped, a waiting one never starts. */
  itemId: z.string().min(1).max(8192),
});

export type CollectRunState = 'running' | 'done' | 'failed' | 'cancelled';

/** A background run as it stands: what `collectStatus` returns (events carry the same facts). */
export interface CollectRun {
  runId: string;
  state: CollectRunState;
  startedAt: string;
  /** The latest collect:progress of the run, once items started. */
  progress?: CollectProgress;
  /** Manifest items finished so far, in the order they finished. */
  items: ManifestItem[];
  /** Items the user asked to skip (they end as `skipped`). */
  skipRequested: string[];
  /** When done. */
  result?: CollectResult;
  /** When failed or cancelled. */
  error?: ErrorInfo;
}

export const profilesArgsSchema = z.strictObject({});

export interface CollectSummary {
  items: number;
  collected: number;
  truncated: number;
  skipped: number;
  failed: number;
  /** Bytes of all entries as stored (uncompressed). */
  bytes: number;
  durationMs: number;
}

export interface CollectResult {
  /** Absolute path of the finished bundle. */
  bundle: string;
  /** Size of the zip on disk. */
  size: number;
  runId: string;
  window: Plan['window'];
  profiles: string[];
  summary: CollectSummary;
  /** Things the user should know (e.g. a profile that does not apply here). */
  warnings: string[];
  /**
   * False when the leak check of the written bundle found something that looks secret (listed in
   * `leaks`, by entry, line and rule): the bundle records it, `casepack verify` fails on it and
   * no submitter sends it. Absent only when no leak check ran.
   */
  releasable?: boolean;
  leaks?: Array<{ entry: string; line: number; rule: string }>;
}

export interface ProfilesReply {
  profiles: ProfileInfo[];
}

export interface ProfileInfo {
  name: string;
  description?: string;
  file: string;
  applies: boolean;
  reason: string;
  /** The profile could not be loaded (its error). */
  error?: string;
}
