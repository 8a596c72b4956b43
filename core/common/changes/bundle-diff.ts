// `casepack diff OLD.zip NEW.zip`: what differs between two bundles of the same host, for "it
// worked last week". Plain data (the API's reply and the `--json` output).

export interface BundleSide {
  file: string;
  createdAt?: string;
  host?: string;
  toolVersion?: string;
  profiles: string[];
}

/** A system report value that differs (volatile figures such as load or free memory are ignored). */
export interface FieldChange {
  section: string;
  key: string;
  old?: unknown;
  new?: unknown;
}

export interface PackageChange {
  name: string;
  change: 'added' | 'removed' | 'changed';
  old?: string;
  new?: string;
}

export interface ConfigFileChange {
  path: string;
  change: 'modified' | 'added' | 'removed';
  linesAdded?: number;
  linesRemoved?: number;
  /** The unified diff (both sides are the bundles' redacted copies). */
  diff?: string;
  note?: string;
}

export interface BundleDiff {
  old: BundleSide;
  new: BundleSide;
  system: FieldChange[];
  packages: PackageChange[];
  config: ConfigFileChange[];
  /** What could not be compared, and why. */
  notes: string[];
}
