// The desktop app's own credentials (settings refer to them as { keychain: NAME }). Only the
// desktop app has secure storage; elsewhere these methods say so and point to env/file references.
import { z } from 'zod';
import { method } from './define.js';

const name = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][\w.-]*$/, 'letters, digits, `.`, `_` and `-`');

export interface AppSecrets {
  available: boolean;
  /** Why there is no secure storage here, and what to use instead. */
  reason?: string;
  /** Names only: a stored value never leaves the app. */
  names: string[];
}

export const NO_SECURE_STORAGE =
  'only the desktop app has secure storage; here, refer to secrets by environment variable ({ env: NAME }) or by a file of mode 0600 ({ file: PATH })';

export const secretsMethods = {
  listAppSecrets: method(
    z.strictObject({}),
    "Names of the credentials in the app's secure storage.",
  ).returns<AppSecrets>(),
  setAppSecret: method(
    z.strictObject({
      name,
      value: z
        .string()
        .min(1)
        .max(64 * 1024),
    }),
    "Store a credential in the app's secure storage (never in the settings file).",
  ).returns<AppSecrets>(),
  deleteAppSecret: method(
    z.strictObject({ name }),
    "Remove a credential from the app's secure storage.",
  ).returns<AppSecrets>(),
};
