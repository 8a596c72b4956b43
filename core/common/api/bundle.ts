// API methods of a finished bundle: verify it against its own manifest, and say what is inside.
import { z } from 'zod';
import type { ItemStatus, ManifestItem } from '../manifest/schema.js';
import { method } from './define.js';

export const bundleArgs = z.strictObject({ bundle: z.string().min(1).max(4096) });
export type BundleArgs = z.infer<typeof bundleArgs>;

export interface VerifyProblem {
  /** The zip entry concerned, when there is one. */
  entry?: string;
  /** The manifest item concerned, when there is one. */
  itemId?: string;
  /**
   * `unreadable`, `zip-corrupt`, `entry-corrupt`, `crc-mismatch`, `manifest-missing`,
   * `manifest-invalid`, `unsupported-format`, `missing-entry`, `size-mismatch`, `sha256-mismatch`,
   * `not-in-manifest`, `duplicate-entry`, or the code of an added check (`leak`).
   */
  code: string;
  message: string;
}

export interface VerifyReport {
  bundle: string;
  ok: boolean;
  formatVersion?: number;
  /** Entries in the zip, manifest.json included. */
  entries: number;
  /** Manifest items, and those with an entry whose size and sha256 were compared. */
  items: number;
  itemsChecked: number;
  /** Uncompressed bytes read and hashed. */
  bytes: number;
  /** Extra checks that ran besides the checksums (e.g. `leak`). */
  checks: string[];
  problems: VerifyProblem[];
}

export interface InspectItem {
  id: string;
  type: ManifestItem['type'];
  kind?: ManifestItem['kind'];
  status: ItemStatus;
  source: string;
  path?: string;
  size?: number;
  reason?: string;
  /** What the time window did to a log (`120000 lines kept, 3400 dropped`, or why it was not applied). */
  window?: string;
  redactions?: number;
}

export interface BundleInspection {
  bundle: string;
  /** Bytes of the zip file. */
  size: number;
  entries: number;
  formatVersion: number;
  tool: string;
  createdAt: string;
  host: string;
  platform?: string;
  hostPseudonymized?: boolean;
  profiles: Array<{ name: string; source?: string }>;
  window: { since: string; until: string; timezone: string };
  case?: { mode?: string; caseNumber?: string; referenceId?: string };
  /** Items by status, the meta entries (case.json, report.html) left out. */
  counts: Record<ItemStatus, number>;
  /** Uncompressed bytes of the collected items (meta entries left out). */
  bytes: number;
  /** Every manifest item, the meta entries included. */
  items: InspectItem[];
  redaction?: {
    total: number;
    counts: Record<string, number>;
    /** Items written without redaction (binary ...), with why. */
    notRedacted: Array<{ source: string; path?: string; why: string }>;
    /** Categories of identifying values replaced by pseudonyms. */
    pseudonymized?: string[];
  };
  /**
   * What the collection's leak check recorded (entry, line, rule; never the value), for entries
   * still in the bundle. Present only when there is something: the bundle is then not releasable.
   */
  leaks?: Array<{ entry: string; line: number; rule: string }>;
}

export const bundleMethods = {
  verifyBundle: method(
    bundleArgs,
    'Check a bundle against its manifest: every entry present with its size and sha256, nothing unlisted, CRCs intact.',
  ).returns<VerifyReport>(),
  inspectBundle: method(
    bundleArgs,
    'What a bundle holds, from its manifest: host, profiles, window, counts, items with reasons, redaction counts.',
  ).returns<BundleInspection>(),
};
