// The profile format (docs/profiles.md): what to collect, declared as data. Collectors run these specs;
// they know nothing about zip files, progress bars or transports.
import { z } from 'zod';
import { isValidTimeZone } from '../time/zone.js';
import { durationSchema, sizeSchema } from '../zod-units.js';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" and "-"');

/** A value a profile needs from the host: product home, server PID. `${NAME}` in paths and argv. */
export const profileVarSchema = z.strictObject({
  /** Environment variables to try, in order. */
  env: z.array(z.string()).optional(),
  /** A dotted key in the settings file (e.g. `products.igl-server.home`). */
  setting: z.string().optional(),
  /** Candidate paths; the first that exists wins. */
  paths: z.array(z.string()).optional(),
  /** The PID of a running process whose command line contains all of these strings. */
  process: z.strictObject({ argvContains: z.array(z.string()).min(1) }).optional(),
  description: z.string().optional(),
});

export const appliesWhenSchema = z.strictObject({
  anyPathExists: z.array(z.string()).optional(),
  allPathsExist: z.array(z.string()).optional(),
  /** A running process whose command line contains this string. */
  anyProcess: z.array(z.string()).optional(),
  anyEnv: z.array(z.string()).optional(),
  platform: z.array(z.enum(['linux', 'darwin', 'win32'])).optional(),
});

export const fileKindSchema = z.enum(['log', 'config', 'other']);

export const fileSpecSchema = z.strictObject({
  id,
  kind: fileKindSchema.default('other'),
  description: z.string().optional(),
  /** Globs (picomatch syntax, absolute). `${VAR}` expands from `vars`. */
  paths: z.array(z.string()).min(1),
  exclude: z.array(z.string()).default([]),
  /** Per file. Over it: `tail` keeps the newest bytes from a line start, `skip` leaves the file out. */
  maxBytes: sizeSchema.default(50 * 1024 * 1024),
  overLimit: z.enum(['tail', 'skip']).default('tail'),
  maxFiles: z.number().int().positive().default(200),
  /** Skip files not modified within this long (e.g. `30d`). */
  maxAge: durationSchema.optional(),
  /** Apply the time window (default: only for `kind: log`). */
  window: z.boolean().optional(),
  /** Where matched files go in the bundle (default by kind: logs/, config/, files/). */
  bundleDir: z.string().optional(),
});

export const commandSpecSchema = z.strictObject({
  id,
  description: z.string().optional(),
  /** argv array; never a shell string. `${VAR}` expands from `vars`. */
  argv: z.array(z.string()).min(1),
  timeout: durationSchema.default(30_000),
  /** Output is held in memory until the bundle takes it, so it is capped (at most 256 MiB). */
  maxBytes: sizeSchema
    .default(1024 * 1024)
    .refine((n) => n <= 256 * 1024 * 1024, 'maxBytes of a command is at most 256MiB'),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
  /** Where the output goes in the bundle (default commands/<id>.txt). */
  output: z.string().optional(),
  /** A missing program is `skipped` (not `failed`) when optional. */
  optional: z.boolean().default(false),
  /** Only when all of these vars resolved / paths exist. */
  when: z
    .strictObject({
      vars: z.array(z.string()).optional(),
      anyPathExists: z.array(z.string()).optional(),
    })
    .optional(),
});

/** A regex source that compiles; with `groups`, it must define these named groups. */
function regexSource(groups: string[] = []) {
  return z.string().superRefine((src, ctx) => {
    let re: RegExp;
    try {
      re = new RegExp(src);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid regular expression: ${(e as Error).message}`,
      });
      return;
    }
    // A regex's named groups show in its source as (?<name>...).
    for (const g of groups)
      if (!re.source.includes(`(?<${g}>`))
        ctx.addIssue({
          code: 'custom',
          message: `the regular expression needs a named group (?<${g}>...)`,
        });
  });
}

const port = z.number().int().min(1).max(65535);

/** A health check for the diagnostic report (docs/technical/system-report.md). Exactly one kind. */
export const checkSpecSchema = z
  .strictObject({
    id,
    description: z.string().optional(),
    /**
     * Can a TCP connection be opened? `host` and `port` given, or found in a file (`fromFile`) by
     * regexes with named groups `host` and (optionally) `port`; every distinct match is tried.
     */
    tcp: z
      .strictObject({
        host: z.string().optional(),
        port: port.optional(),
        fromFile: z.string().optional(),
        pattern: z.union([regexSource(['host']), z.array(regexSource(['host'])).min(1)]).optional(),
        /** Port when a match has none (e.g. 5432 for `jdbc:postgresql://db/igl`). */
        defaultPort: port.optional(),
        /**
         * The PID (e.g. `${SERVER_PID}`) whose environment resolves `${env.NAME:default}` in the
         * file; casepack's own environment when not given or not readable.
         */
        envOfPid: z.string().optional(),
      })
      .superRefine((t, ctx) => {
        const direct = t.host !== undefined || t.port !== undefined;
        const fromFile = t.fromFile !== undefined || t.pattern !== undefined;
        if (
          direct === fromFile ||
          (direct && (!t.host || !t.port)) ||
          (fromFile && (!t.fromFile || !t.pattern))
        )
          ctx.addIssue({
            code: 'custom',
            message: 'give either host and port, or fromFile and pattern',
          });
      })
      .optional(),
    /** Is there enough free space on the file system that holds `path`? */
    diskFree: z
      .strictObject({
        path: z.string(),
        minFreePercent: z.number().min(0).max(100).optional(),
        minFreeBytes: sizeSchema.optional(),
      })
      .refine((d) => d.minFreePercent !== undefined || d.minFreeBytes !== undefined, {
        message: 'give minFreePercent or minFreeBytes',
      })
      .optional(),
    /** Is a process running whose command line contains all of these strings? */
    process: z.strictObject({ argvContains: z.array(z.string()).min(1) }).optional(),
    timeout: durationSchema.default(5_000),
  })
  .superRefine((c, ctx) => {
    const kinds = [c.tcp, c.diskFree, c.process].filter((k) => k !== undefined).length;
    if (kinds !== 1)
      ctx.addIssue({
        code: 'custom',
        message: 'a check needs exactly one of tcp, diskFree, process',
      });
  });

export const redactionRuleSchema = z.strictObject({
  id,
  /** A regex with a named group `secret`: only that group is replaced. */
  pattern: z.string().optional(),
  /** Key names whose values are secret in any key/value syntax. */
  keys: z.array(z.string()).optional(),
  flags: z.string().optional(),
});

export const profileRedactionSchema = z.strictObject({
  rules: z.array(redactionRuleSchema).default([]),
  /** Keys that must never be redacted (e.g. `password_policy`). */
  keep: z.array(z.string()).default([]),
  /** Extra keywords to pseudonymise when that category is on. */
  keywords: z.array(z.string()).default([]),
});

export const profileSchema = z
  .strictObject({
    name: id,
    description: z.string().optional(),
    extends: z.union([z.string(), z.array(z.string())]).optional(),
    appliesWhen: appliesWhenSchema.optional(),
    /** IANA zone for timestamps without one (default: the host's). */
    timezone: z
      .string()
      .refine(isValidTimeZone, 'not an IANA time zone (write e.g. Europe/Berlin or UTC)')
      .optional(),
    product: z
      .strictObject({
        name: z.string(),
        /** Where the version comes from: a file + regex with a `version` group, or a command. */
        versionFrom: z
          .strictObject({
            file: z.string().optional(),
            pattern: z.string().optional(),
            argv: z.array(z.string()).optional(),
          })
          .optional(),
      })
      .optional(),
    vars: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), profileVarSchema).default({}),
    files: z.array(fileSpecSchema).default([]),
    commands: z.array(commandSpecSchema).default([]),
    checks: z.array(checkSpecSchema).default([]),
    /** Globs that are never collected, whatever `files` says. Always wins. */
    forbid: z.array(z.string()).default([]),
    redaction: profileRedactionSchema.optional(),
  })
  .superRefine((p, ctx) => {
    // A profile that extends another may add only forbid rules or vars; its base brings the items.
    if (p.files.length === 0 && p.commands.length === 0 && !p.extends) {
      ctx.addIssue({
        code: 'custom',
        message: 'a profile needs at least one of files or commands',
        path: [],
      });
    }
    const seen = new Set<string>();
    const lists = [
      ['files', p.files],
      ['commands', p.commands],
    ] as const;
    for (const [key, list] of lists)
      list.forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({
            code: 'custom',
            message: `duplicate id "${item.id}" (ids are unique across files and commands)`,
            path: [key, i, 'id'],
          });
        seen.add(item.id);
      });
    const checkIds = new Set<string>();
    for (const [i, c] of p.checks.entries()) {
      if (checkIds.has(c.id))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate check id "${c.id}"`,
          path: ['checks', i, 'id'],
        });
      checkIds.add(c.id);
    }
  });

export type Profile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type FileSpec = z.output<typeof fileSpecSchema>;
export type CommandSpec = z.output<typeof commandSpecSchema>;
export type CheckSpec = z.output<typeof checkSpecSchema>;
export type ProfileVar = z.output<typeof profileVarSchema>;
export type FileKind = z.infer<typeof fileKindSchema>;
