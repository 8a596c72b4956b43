// The bundle's file name: casepack-<case or NEW>-<host>-<UTC yyyymmddThhmmssZ>.zip, using only
// characters every file system, shell, mail gateway and case system accepts.

export interface BundleNameInput {
  caseNumber?: string | undefined;
  /** The host name (or its pseudonym when host names are pseudonymised). */
  host: string;
  createdAt: Date;
}

/** Longest case number or host kept in the name (the whole name stays far below 255 bytes). */
const MAX_PART = 64;

export function bundleName(input: BundleNameInput): string {
  const kase = safePart(input.caseNumber ?? '') || 'NEW';
  const host = safePart(input.host) || 'host';
  return `casepack-${kase}-${host}-${utcStamp(input.createdAt)}.zip`;
}

/** `20261127T081500Z` */
export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * ASCII letters, digits, dot, dash and underscore survive; any other run of characters (spaces,
 * slashes, colons, non-ASCII letters once their accents are dropped) becomes one underscore.
 */
function safePart(s: string): string {
  const trim = (t: string) => t.replace(/^[._-]+|[._-]+$/g, '');
  const ascii = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // é -> e
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return trim(trim(ascii).slice(0, MAX_PART));
}
