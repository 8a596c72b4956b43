// Which environment variable names (and `name=value` arguments) look secret. The system report
// masks their values before anything else sees them: defence in depth, since the redactor runs over
// every section afterwards as well.

import { classifyKey } from '../redact/key-names.js';

export const MASK = '<masked>';

/** Whole words (after splitting a name into parts) that mark a value as secret. */
const SECRET_PARTS = new Set([
  'password',
  'passwd',
  'pass',
  'pw',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'key',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'auth',
  'authorization',
  'cookie',
  'session',
  'signature',
  'private',
  'privkey',
  'salt',
  'otp',
  'dsn',
]);

/** Substrings that mark a name as secret even when glued to other words (DBPASSWORD, MYSECRETX). */
const SECRET_SUBSTRINGS = [
  'password',
  'passwd',
  'secret',
  'token',
  'credential',
  'apikey',
  'passphrase',
];

/** Names that match the rules above but are well known and harmless. */
const HARMLESS = new Set(['PWD', 'OLDPWD', 'SSH_AUTH_SOCK', 'XAUTHORITY', 'GPG_AGENT_INFO']);

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * True when a variable or option name looks like it holds a secret (DB_PASSWORD, apiKey,
 * AWS_SECRET_ACCESS_KEY). Whatever the redactor's key classifier takes for a secret is masked (so
 * the leak check never finds one in the report), except a bare `USER` (a secret only inside a
 * URL); the broader word rules below stay, since names like SECRET_KEY_BASE or SENTRY_DSN hold
 * secrets although their last word does not say so.
 */
export function isSecretName(name: string): boolean {
  if (HARMLESS.has(name)) return false;
  const c = classifyKey(name);
  if (c && c.rule !== 'url-password') return true;
  const lower = name.toLowerCase();
  if (SECRET_SUBSTRINGS.some((s) => lower.includes(s))) return true;
  return nameParts(name).some((p) => SECRET_PARTS.has(p));
}

/** `scheme://user:password@host` -> `scheme://user:<masked>@host`. */
export function maskUrlCredentials(value: string): string {
  return value.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi, `$1:${MASK}@`);
}

/** The value to show for an environment variable. */
export function maskEnvValue(name: string, value: string): string {
  if (isSecretName(name)) return MASK;
  return maskUrlCredentials(value);
}

/**
 * Mask `name=value` / `"name": "value"` pairs with a secret-looking name inside one argument
 * (a JSON or query-string argument: `--env {"DB_PASSWORD":"x"}`, `url?token=x`).
 */
export function maskInlinePairs(text: string): string {
  return text.replace(
    /(["']?)([A-Za-z_][\w.-]*)\1(\s*(?:=|:(?!\/\/))\s*)(["']?)([^"'\s,;&}?@]+)\4/g,
    (all, q: string, name: string, sep: string, vq: string) =>
      isSecretName(name) ? `${q}${name}${q}${sep}${vq}${MASK}${vq}` : all,
  );
}

/**
 * Mask secret-looking options in a command line: `--password=x`, `-Ddb.password=x`,
 * `password=x`, and the argument after `--password` / `-p`-less long options.
 */
export function maskArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let maskNext = false;
  for (const arg of argv) {
    if (maskNext) {
      out.push(MASK);
      maskNext = false;
      continue;
    }
    const eq = /^(-{0,2}D?)([A-Za-z_][\w.-]*)=(.*)$/s.exec(arg);
    if (eq && isSecretName(eq[2] ?? '')) {
      out.push(`${eq[1]}${eq[2]}=${MASK}`);
      continue;
    }
    if (/^--?[A-Za-z][\w.-]*$/.test(arg) && isSecretName(arg.replace(/^-+/, ''))) maskNext = true;
    out.push(maskInlinePairs(maskUrlCredentials(arg)));
  }
  return out;
}
