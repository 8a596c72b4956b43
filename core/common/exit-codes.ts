// Documented exit codes of the `casepack` command (docs/cli.md lists them).
export const EXIT = {
  ok: 0,
  /** A check failed: verify found a mismatch or a leak, a case is incomplete. */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** collect: no bundle could be written. */
  noBundle: 3,
  /** A settings file, profile or case file could not be read or is invalid. */
  config: 4,
  /** submit: the target did not confirm the bytes. */
  notDelivered: 5,
  internal: 70,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
