// Submission targets as written in the settings file's `targets` section (docs/submission.md).
// Secrets are references ({ env } or { file } or { keychain }), never values; `http://` is accepted
// only for loopback hosts so that a token is never sent in clear text over a network.
import { z } from 'zod';
import { caseTargetRulesSchema } from '../case/target.js';
import { secretRefSchema } from '../settings/secret-ref.js';
import { durationSchema, sizeSchema } from '../zod-units.js';
import { httpUrlProblem } from './url.js';

/** Rules a target may put on case numbers and reference IDs (permissive when absent). */
const caseFormat = caseTargetRulesSchema.shape;

/** Network knobs every networked target may override (defaults in the `network` section). */
const timeouts = {
  /** Give up connecting after this long (default 20s). */
  connectTimeout: durationSchema.optional(),
  /** Give up when no byte moved for this long (default 60s). */
  stallTimeout: durationSchema.optional(),
};

const tlsOptions = {
  /** Extra CA bundle (PEM) trusted for this target, besides the system's. */
  caFile: z.string().min(1).optional(),
  /** Turns TLS certificate verification OFF. casepack prints a warning on every use. */
  insecureSkipTlsVerify: z.boolean().optional(),
};

const httpUrl = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = httpUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Case fields casepack maps onto the case system's own custom field names. */
export const RT_FIELD_KEYS = ['severity', 'caseType', 'productVersion', 'platform'] as const;
export type RtFieldKey = (typeof RT_FIELD_KEYS)[number];

export const rtTargetSchema = z.strictObject({
  type: z.literal('rt'),
  description: z.string().optional(),
  /** RT's base URL (REST2 lives under `<url>/REST/2.0`). */
  url: httpUrl,
  queue: z.string().min(1),
  /** An RT auth token (Authorization: token ...). */
  token: secretRefSchema,
  /** casepack's field -> the RT custom field's name, e.g. `{ severity: Severity }`. */
  customFields: z.partialRecord(z.enum(RT_FIELD_KEYS), z.string().min(1)).optional(),
  /** Bundles up to this size are attached to the ticket (default 10MiB); larger go to `largeFiles`. */
  attachLimit: sizeSchema.optional(),
  /** The target (sftp or folder) that takes bundles over `attachLimit`. */
  largeFiles: z.string().optional(),
  /** Explicit proxy for this target (`http://proxy:3128`), or `false` to ignore HTTP(S)_PROXY. */
  proxy: z.union([z.string().min(1), z.literal(false)]).optional(),
  ...tlsOptions,
  ...timeouts,
  ...caseFormat,
});

export const sftpTargetSchema = z.strictObject({
  type: z.literal('sftp'),
  description: z.string().optional(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1),
  /** The private key (OpenSSH or PEM format). */
  privateKey: secretRefSchema.optional(),
  /** The key's passphrase, when it has one. */
  passphrase: secretRefSchema.optional(),
  /** Password login, when the drop box has no key for you. */
  password: secretRefSchema.optional(),
  /**
   * The server's host key, pinned: `ssh-ed25519 AAAA...` (as in known_hosts) or its fingerprint
   * `SHA256:...`. Without it the key remembered by `casepack targets trust NAME` is used.
   */
  hostKey: z.string().min(1).optional(),
  /** Remote folder for uploads (default: the login folder). */
  dir: z.string().min(1).optional(),
  ...timeouts,
  ...caseFormat,
});

export const smtpTargetSchema = z.strictObject({
  type: z.literal('smtp'),
  description: z.string().optional(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean().optional(),
  /** Refuse to send unless the connection is encrypted (default: true unless the host is loopback). */
  requireTls: z.boolean().optional(),
  user: z.string().optional(),
  password: secretRefSchema.optional(),
  from: z.string().min(3),
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]),
  /** The case system's subject tag: `[<tag> #<case>]` (RT's rtname). */
  subjectTag: z.string().optional(),
  /** Subject template; placeholders {tag} {case} {summary} {ref} {bundle}. */
  subject: z.string().optional(),
  /** Largest message when the server does not announce SIZE (default 10MiB). */
  maxMessageSize: sizeSchema.optional(),
  /** Target (sftp or folder) for bundles too large to attach. */
  largeFiles: z.string().optional(),
  ...tlsOptions,
  ...timeouts,
  ...caseFormat,
});

export const folderTargetSchema = z.strictObject({
  type: z.literal('folder'),
  description: z.string().optional(),
  /** The export folder (a mounted USB stick, a share). Created if missing. */
  path: z.string().min(1),
  /** An armored OpenPGP public key file: the bundle is encrypted to it (`NAME.zip.gpg`). */
  encryptTo: z.string().min(1).optional(),
  ...caseFormat,
});

export const targetSchema = z.discriminatedUnion('type', [
  rtTargetSchema,
  sftpTargetSchema,
  smtpTargetSchema,
  folderTargetSchema,
]);

const targetName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]*$/, 'a target name uses letters, digits, `.`, `_` and `-`');

/** All targets; `largeFiles` must name an sftp or folder target of the same file. */
export const targetsSchema = z.record(targetName, targetSchema).superRefine((targets, ctx) => {
  for (const [name, t] of Object.entries(targets)) {
    if (!('largeFiles' in t) || t.largeFiles === undefined) continue;
    const other = targets[t.largeFiles];
    if (!other)
      ctx.addIssue({
        code: 'custom',
        path: [name, 'largeFiles'],
        message: `no target named "${t.largeFiles}" (known: ${Object.keys(targets).join(', ')})`,
      });
    else if (other.type !== 'sftp' && other.type !== 'folder')
      ctx.addIssue({
        code: 'custom',
        path: [name, 'largeFiles'],
        message: `"${t.largeFiles}" is a ${other.type} target; large files go to an sftp or folder target`,
      });
  }
});

export type RtTarget = z.output<typeof rtTargetSchema>;
export type SftpTarget = z.output<typeof sftpTargetSchema>;
export type SmtpTarget = z.output<typeof smtpTargetSchema>;
export type FolderTarget = z.output<typeof folderTargetSchema>;
export type Target = z.output<typeof targetSchema>;
export type TargetType = Target['type'];

/** Default sizes and times (documented in docs/submission.md). */
export const TARGET_DEFAULTS = {
  attachLimit: 10 * 1024 * 1024,
  maxMessageSize: 10 * 1024 * 1024,
  connectTimeout: 20_000,
  stallTimeout: 60_000,
  sftpPort: 22,
  smtpPort: 25,
} as const;
