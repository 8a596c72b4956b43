// The one settings file (YAML) shared by the CLI, `serve` and the desktop app (docs/settings.md).
// Each subsystem owns its section; the top level is strict so a misspelt section is an error.
import { z } from 'zod';
import { contactChannelSchema } from '../case/schema.js';
import { targetsSchema } from '../targets/schema.js';
import { durationSchema } from '../zod-units.js';
import { redactionSettingsSchema } from '../redact/policy.js';

export const collectSettingsSchema = z.strictObject({
  /** Profiles used when `--profile` is not given. */
  profiles: z.array(z.string()).optional(),
  /** Where bundles are written when `--out` is not given. */
  outDir: z.string().optional(),
  /** Default window start, e.g. `72h`. */
  since: z.string().optional(),
  concurrency: z.number().int().min(1).max(16).optional(),
});

/** Contact details remembered by the case intake, so they are asked once (docs/cases.md). */
export const contactSettingsSchema = z.strictObject({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  organization: z.string().optional(),
  preferredChannel: contactChannelSchema.optional(),
  timeZone: z.string().optional(),
});

export const networkSettingsSchema = z.strictObject({
  /** Explicit proxy for HTTP(S) targets; otherwise HTTP(S)_PROXY / NO_PROXY apply. */
  proxy: z.string().optional(),
  noProxy: z.string().optional(),
  /** Extra CA bundle (PEM) trusted for TLS. */
  caFile: z.string().optional(),
  /** Defaults for every target: give up connecting / on a stalled transfer after this long. */
  connectTimeout: durationSchema.optional(),
  stallTimeout: durationSchema.optional(),
  /** Retries of a failed submission: exponential backoff with jitter (docs/technical/outbox.md). */
  retry: z
    .strictObject({
      /** First pause (default 5s); each retry doubles it, up to `maxDelay` (default 5m). */
      initialDelay: durationSchema.optional(),
      maxDelay: durationSchema.optional(),
      /** How long `casepack submit` keeps retrying before it leaves the job queued (default 10m). */
      window: durationSchema.optional(),
    })
    .optional(),
});

export const uiSettingsSchema = z.looseObject({
  /**
   * Folders the UI may read attachments from, browse, and export to (absolute paths). Default:
   * the home folder, the temporary folders, removable media (/media, /mnt, /run/media) and
   * collect.outDir. The data directory and secret files named in these settings are always refused.
   */
  allowedPaths: z.array(z.string().min(1)).optional(),
});

export const settingsSchema = z.strictObject({
  collect: collectSettingsSchema.optional(),
  /** Per-product facts used by profiles' `vars` (e.g. products.igl-server.home). */
  products: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  /** Remembered contact details, offered by `casepack case new` and the UI. */
  contact: contactSettingsSchema.optional(),
  /** Submission targets by name (docs/submission.md). */
  targets: targetsSchema.optional(),
  defaultTarget: z.string().optional(),
  /** Redaction and pseudonymisation options (docs/redaction.md). */
  redaction: redactionSettingsSchema.optional(),
  network: networkSettingsSchema.optional(),
  ui: uiSettingsSchema.optional(),
});

export type Settings = z.output<typeof settingsSchema>;
