// What changed recently on the host (docs/technical/changes.md): the `changes/summary.json` entry
// of a bundle, the recent-changes section of report.html, and the API's view of it. Plain data.

export const CHANGES_FORMAT_VERSION = 1;

export type ConfigChangeKind = 'modified' | 'added' | 'removed' | 'unreadable';

/** A configuration file compared with the latest baseline of its profile. */
export interface ConfigChange {
  profile: string;
  path: string;
  change: ConfigChangeKind;
  /** The unified diff's entry in the bundle (`changes/config/...diff`), when one was written. */
  diff?: string;
  linesAdded?: number;
  linesRemoved?: number;
  /** Why there is no diff (binary, too large) or why the file could not be read now. */
  note?: string;
}

export interface BaselineInfo {
  profile: string;
  createdAt: string;
  toolVersion: string;
  formatVersion: number;
  files: number;
}

export type PackageCategory = 'kernel' | 'jvm' | 'os' | 'package';
export type PackageAction = 'install' | 'upgrade' | 'downgrade' | 'remove' | 'purge';

export interface PackageEvent {
  /** ISO-8601 UTC. */
  time: string;
  action: PackageAction;
  name: string;
  arch?: string;
  from?: string;
  to?: string;
  category: PackageCategory;
  /** The log or command it came from (`/var/log/dpkg.log`, `rpm -qa`). */
  source: string;
}

/** One apt run (history.log): who ran what. */
export interface AptTransaction {
  start: string;
  end?: string;
  commandline?: string;
  requestedBy?: string;
  install: number;
  upgrade: number;
  remove: number;
}

/** A file that appeared or changed in the window (cron jobs, service units, config, patches). */
export interface FileEvent {
  path: string;
  kind: 'cron' | 'service' | 'config' | 'patch';
  /** `new` when the file was created in the window (birth time), else `changed`. */
  change: 'new' | 'changed';
  /** ISO-8601 UTC of the latest modification or status change. */
  time: string;
  profile?: string;
}

export interface ChangesSummary {
  formatVersion: number;
  window: { since: string; until: string };
  /** The baselines the configuration was compared with (one per profile that had one). */
  baselines: BaselineInfo[];
  /** Why a profile's configuration was not compared with a baseline. */
  baselineNotes: string[];
  config: ConfigChange[];
  /** Without a baseline: configuration files modified within the window. */
  configModified: FileEvent[];
  packages: PackageEvent[];
  /** Events left out after the cap (the raw history entry has them all). */
  packagesOmitted: number;
  aptTransactions: AptTransaction[];
  /** Which package histories were read, and what could not be. */
  packageSources: string[];
  cron: FileEvent[];
  services: FileEvent[];
  patches: FileEvent[];
  notes: string[];
}

export function emptyChanges(window: { since: string; until: string }): ChangesSummary {
  return {
    formatVersion: CHANGES_FORMAT_VERSION,
    window,
    baselines: [],
    baselineNotes: [],
    config: [],
    configModified: [],
    packages: [],
    packagesOmitted: 0,
    aptTransactions: [],
    packageSources: [],
    cron: [],
    services: [],
    patches: [],
    notes: [],
  };
}
