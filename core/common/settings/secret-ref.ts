// Settings hold references to secrets, never the values (docs/security.md).
import { z } from 'zod';

export const secretRefSchema = z.union([
  /** An environment variable of the process that runs casepack. */
  z.strictObject({ env: z.string().min(1) }),
  /** A file readable only by its owner (mode 0600 or stricter). */
  z.strictObject({ file: z.string().min(1) }),
  /** The desktop app's secure storage (Electron safeStorage); the CLI cannot read it. */
  z.strictObject({ keychain: z.string().min(1) }),
]);
export type SecretRef = z.infer<typeof secretRefSchema>;

export function describeSecretRef(ref: SecretRef): string {
  if ('env' in ref) return `environment variable ${ref.env}`;
  if ('file' in ref) return `file ${ref.file}`;
  return `app secure storage entry ${ref.keychain}`;
}
