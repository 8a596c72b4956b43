// The contract between the runner and the redactor: every byte a collector produces passes through
// one Transform from a RedactionSession before it reaches the bundle (docs/technical/redaction.md).
import type { Transform } from 'node:stream';
import type { Manifest } from '../../common/manifest/schema.js';

export interface ItemRedactionResult {
  /** Replacements per rule id, for this item. Never the values. */
  counts: Record<string, number>;
  /** Set when the content was not redacted, and why (e.g. "binary"). */
  skipped?: string;
}

export interface RedactingStream extends Transform {
  /** Valid once the stream has ended. */
  result(): ItemRedactionResult;
}

/** A place in a bundle where the leak check found something: never the value itself. */
export interface LeakFinding {
  entry: string;
  line: number;
  rule: string;
}

/** What the leak check of a written bundle found (core/node/redact/collect-leak.ts). */
export interface BundleCheck {
  /** False when anything was found: no submitter sends the bundle, `casepack verify` fails. */
  releasable: boolean;
  findings: LeakFinding[];
  /** The bundle's size when it was rewritten in place (same path) to record the findings. */
  size?: number;
}

export interface RedactionSession {
  /** A fresh Transform for one item's bytes. */
  stream(item: { id: string; source: string; kind?: string }): RedactingStream;
  /** Redact a whole small text (case fields are never passed here; system report JSON is). */
  redactText(
    text: string,
    item: { id: string; source: string },
  ): { text: string; counts: Record<string, number> };
  /** Counts per rule over the whole run. */
  totals(): Record<string, number>;
  /** How this run names the host in the bundle name and manifest (its pseudonym when hosts are on). */
  hostLabel?(host: string): string;
  /** The manifest's `redaction` section (counts, pseudonymised categories). */
  manifestSection?(): NonNullable<Manifest['redaction']>;
  /** True when the host's name is pseudonymised (the manifest's `host.pseudonymized`). */
  readonly hostPseudonymized?: boolean;
  /**
   * The fail-closed leak check of the written bundle. `render` re-renders report.html for a
   * manifest (used when findings must be recorded in the bundle).
   */
  checkBundle?(o: {
    bundle: string;
    manifest: Manifest;
    caseJson: unknown;
    render(manifest: Manifest): string;
    signal?: AbortSignal;
  }): Promise<BundleCheck>;
  /** The run is over (written or not): keep the pseudonym mapping, drop the removed values. */
  close?(): void;
}
