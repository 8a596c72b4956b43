// What a collection will do, before it runs (`casepack plan`, the UI's review of a collection) and
// what the runner executes. Plain data: it crosses every API transport.
import type { FileKind } from '../profile/schema.js';

interface PlanItemBase {
  /** Unique in the plan and the manifest. */
  id: string;
  /** The profile's files/commands entry id. */
  spec: string;
  profile: string;
}

export interface PlanFileItem extends PlanItemBase {
  type: 'file';
  action: 'collect';
  kind: FileKind;
  /** The path as matched. */
  source: string;
  /** Where a symlink led, when it did. */
  realPath?: string;
  /** Entry name in the bundle. */
  path: string;
  size: number;
  mtime: string;
  /** Upper bound: the file capped at maxBytes (a windowed log is usually much smaller). */
  estimatedBytes: number;
  maxBytes: number;
  overLimit: 'tail' | 'skip';
  /** Apply the time window (logs). */
  window: boolean;
  /** Zone of timestamps without one. */
  timezone: string;
}

export interface PlanCommandItem extends PlanItemBase {
  type: 'command';
  action: 'collect';
  /** The command's id (manifest `source`). */
  source: string;
  argv: string[];
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  optional: boolean;
  path: string;
  estimatedBytes: number;
}

export interface PlanSkipItem extends PlanItemBase {
  type: 'file' | 'command';
  action: 'skip';
  kind?: FileKind;
  source: string;
  argv?: string[];
  status: 'skipped' | 'failed';
  reason: string;
}

export type PlanItem = PlanFileItem | PlanCommandItem | PlanSkipItem;

export interface PlanVar {
  value?: string;
  /** Where the value came from ("env IGL_HOME", "setting products.igl.home", "path", "process 123"). */
  from?: string;
  /** Why it did not resolve. */
  reason?: string;
}

export interface PlanProfile {
  name: string;
  /** The profile file (shipped or given). */
  source: string;
  sha256: string;
  /** Files it pulled in with `extends`, base first. */
  extends: string[];
  applies: boolean;
  appliesReason: string;
  vars: Record<string, PlanVar>;
}

export interface Plan {
  createdAt: string;
  host: string;
  window: { since: string; until: string; timezone: string };
  profiles: PlanProfile[];
  items: PlanItem[];
  totals: {
    files: number;
    commands: number;
    skipped: number;
    failed: number;
    estimatedBytes: number;
  };
}

/** The manifest reason of an item the user switched off in the plan (the UI's checkboxes). */
export const SWITCHED_OFF = 'switched off by the user before the run';

/** A plan's counts and estimated size, from its items. */
export function planTotals(items: readonly PlanItem[]): Plan['totals'] {
  const collect = items.filter((i): i is PlanFileItem | PlanCommandItem => i.action === 'collect');
  return {
    files: collect.filter((i) => i.type === 'file').length,
    commands: collect.filter((i) => i.type === 'command').length,
    skipped: items.filter((i) => i.action === 'skip' && i.status === 'skipped').length,
    failed: items.filter((i) => i.action === 'skip' && i.status === 'failed').length,
    estimatedBytes: collect.reduce((n, i) => n + i.estimatedBytes, 0),
  };
}
