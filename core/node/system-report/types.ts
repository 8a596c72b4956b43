// The system report's parts: each section is its own manifest item (system/<id>.json) with its own
// timeout, so one slow or failing source of facts never costs the others.
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { CaptureResult } from './exec.js';
import type { SiClient } from './si-worker.js';

export interface ProductSpec {
  /** The profile that declares the product. */
  profile: string;
  name: string;
  versionFrom?: { file?: string; pattern?: string; argv?: string[] };
  /** Its profile's resolved variables (`${IGL_HOME}`); else `SystemReportOptions.vars`. */
  vars?: Readonly<Record<string, string | undefined>>;
}

export interface SectionContext {
  /** The environment the report describes and runs its commands with. */
  env: NodeJS.ProcessEnv;
  /** Aborted when the section's timeout passes or the run is cancelled. */
  signal: AbortSignal;
  /** This section's effective timeout, and what is left of it. */
  timeoutMs: number;
  remainingMs(): number;
  /**
   * Run a command (argv, no shell), killed with its process group at `timeoutMs` (default: the
   * rest of the section's time) or on abort.
   */
  run(argv: readonly string[], timeoutMs?: number): Promise<CaptureResult>;
  /** systeminformation, in the report's pool of worker threads (calls end with the section). */
  si: SiClient;
  /** Say what could not be found out and why; shown in the section's `notes`. */
  note(text: string): void;
  products: ProductSpec[];
  /** Resolved profile variables (`${IGL_HOME}`), for product version lookups. */
  vars: Readonly<Record<string, string | undefined>>;
}

export interface SystemSection {
  /** File name under system/ (without .json) and the manifest item's id suffix. */
  id: string;
  title: string;
  /** Default timeout; `SystemReportOptions.timeouts` overrides it. */
  timeoutMs: number;
  /**
   * Measures the host's activity (CPU, processes): runs first, before the other sections start,
   * so that the report's own work does not show up in its figures.
   */
  quiet?: boolean;
  collect(ctx: SectionContext): Promise<Record<string, unknown>>;
}

export interface SystemReportOptions {
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  products?: ProductSpec[];
  vars?: Record<string, string | undefined>;
  /** Per-section timeout overrides in ms, by section id. */
  timeouts?: Record<string, number>;
  /** Only these sections (default: all). */
  only?: string[];
  /** Sections run at the same time (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
}

/** What report.html needs about one section: the redacted data, or why there is none. */
export interface SectionOutcome {
  id: string;
  title: string;
  status: 'collected' | 'failed';
  reason?: string;
  durationMs: number;
  /** The section's JSON as written to the bundle (after redaction). */
  data?: Record<string, unknown>;
}

export interface SystemReportResult {
  items: ManifestItem[];
  sections: SectionOutcome[];
  durationMs: number;
}
