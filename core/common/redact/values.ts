// What a value looks like: empty, masked, a placeholder, or a credential. Rules call these before
// they remove anything, so `db.pwd=`, `secret=********` and `password: ${DB_PASSWORD}` stay as
// they are (the "values that are empty, masked or placeholders are left alone").
import { isMarker } from './marker.js';

const WORDS_NOT_SECRET = new Set([
  'null',
  'nil',
  'none',
  'undefined',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'hidden',
  'masked',
  'redacted',
  'filtered',
  'protected',
  'omitted',
  'removed',
  'unset',
  'notset',
  'empty',
  'changeme',
  'change_me',
  'replace_me',
  'replaceme',
  'placeholder',
  'required',
  'optional',
  'prompt',
  'n/a',
]);

// Template and variable syntaxes: ${X}, ${?X}, $X, $(cmd), {{ x }}, {% x %}, %X%, %(x)s, #{x}, @x@,
// <x>, [FILTERED] ... A value made only of these (and punctuation) is a reference, not a secret.
const PLACEHOLDER_PARTS =
  /\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|\{%[^%]*%\}|%[A-Za-z_][A-Za-z0-9_]*%|%\([A-Za-z_]\w*\)[sd]|#\{[^}]*\}|@[A-Za-z_][\w.]*@|__[A-Z0-9_]+__|<[^<>]*>|\[(?:REDACTED|FILTERED|PROTECTED|HIDDEN|MASKED|SECRET|REMOVED)[^\]]*\]/gi;

const REFERENCE_PREFIX = /^(?:env|file|fd|keyring|vault|secretref|secret-ref|keychain|op):/i;

export function isEmptyValue(v: string): boolean {
  return v.trim() === '';
}

/** `********`, `xxxx`, `****1234`, `•••`: already masked by whoever wrote it. */
export function isMaskedValue(v: string): boolean {
  const t = v.trim();
  if (isMarker(t)) return true;
  if (/^(?:\*+|x{3,}|X{3,}|#{3,}|\.{3,}|-{3,}|_{3,}|\?{3,}|(?:\u2022)+|(?:\xe2\x80\xa2)+)$/.test(t))
    return true;
  if (/^\*{3,}[^*\s]{0,4}$/.test(t) || /^[^*\s]{0,4}\*{3,}$/.test(t)) return true;
  return false;
}

/** `${DB_PASSWORD}`, `{{ vault_pw }}`, `%PASS%`, `<your-password>`, `env:VAR`, `null`, `changeme`. */
export function isPlaceholderValue(v: string): boolean {
  const t = v.trim();
  if (WORDS_NOT_SECRET.has(t.toLowerCase())) return true;
  if (REFERENCE_PREFIX.test(t) && !/\s/.test(t)) return true;
  if (/^\(?(?:hidden|masked|redacted|not set|none|null|empty|secret hidden)\)?$/i.test(t))
    return true;
  // `kubectl describe secret`: `DB_PASSWORD:  18 bytes` is the value's size
  if (/^\d+ bytes?$/.test(t)) return true;
  const rest = t.replace(PLACEHOLDER_PARTS, '');
  return rest !== t && !/[A-Za-z0-9]/.test(rest);
}

/** Left as it is by every rule. */
export function isNonSecretValue(v: string): boolean {
  return isEmptyValue(v) || isMaskedValue(v) || isPlaceholderValue(v);
}

// The Name Service Switch's sources and actions (nsswitch.conf(5), Solaris, the BSDs, sssd, AD
// and cloud login modules): `passwd: files systemd` names where the accounts database is looked up.
const NSS_SOURCE =
  '(?:files|compat|db|dns|nis|nisplus|nis\\+|ldap|sss|systemd|winbind|wins|hesiod|myhostname|mymachines|resolve|mdns[46]?(?:_minimal)?|cache|altfiles|extrausers|usrfiles|ad|oslogin|libvirt(?:_guest)?|lsass|vas[34])';
const NSS_ACTION = '\\[!?[A-Za-z]+=[A-Za-z]+(?:[ \\t]+!?[A-Za-z]+=[A-Za-z]+)*\\]';
const NSS_SOURCES = new RegExp(
  `^(?:${NSS_SOURCE}|${NSS_ACTION})(?:[ \\t]+(?:${NSS_SOURCE}|${NSS_ACTION}))*(?:[ \\t]+#.*)?$`,
);

/**
 * `files systemd`, `files [NOTFOUND=return] ldap`: the sources of an nsswitch.conf database line
 * (`passwd: ...`), which name where accounts are looked up and are never a password. Only
 * the known source names count, so `passwd: hunter2` stays a password.
 */
export function isNssSourceList(v: string): boolean {
  return NSS_SOURCES.test(v.trim());
}

/**
 * Looks like a password someone typed rather than a word of prose: long enough and with a digit,
 * a symbol or an inner capital. Used where the syntax alone is ambiguous (`Password: changed`).
 */
export function isCredentialLike(v: string): boolean {
  if (v.length < 6) return false;
  if (/^[\d\s:./,+-]+$/.test(v)) return false; // dates, times, numbers, versions
  if (/\d/.test(v) && /[A-Za-z]/.test(v)) return true;
  if (/[^A-Za-z0-9\s]/.test(v) && /[A-Za-z0-9]/.test(v)) return true;
  return /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(v);
}

/**
 * Looks machine-generated (an API key, a token, a signature): used for weak key names such as
 * `key`, `auth`, `sig`, whose values are only secret when they look random.
 */
export function isRandomLike(v: string): boolean {
  if (v.length < 16 || v.length > 8192) return false;
  if (!/^[A-Za-z0-9+/=_.~%:-]+$/.test(v)) return false;
  const digits = /\d/.test(v);
  const letters = /[A-Za-z]/.test(v);
  if (digits && letters) return (v.match(/\./g)?.length ?? 0) <= v.length / 8;
  return v.length >= 24 && /[a-z]/.test(v) && /[A-Z]/.test(v) && !/[._-]/.test(v);
}

/** Standard or URL-safe base64 that decodes to printable text (k8s secret data, basic auth). */
export function decodeBase64Text(v: string): string | undefined {
  if (v.length < 4 || v.length > 65536) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return undefined;
  const s = v.replace(/=+$/, '');
  if (s.length % 4 === 1) return undefined;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let acc = 0;
  let out = '';
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    if (c === '-') c = '+';
    else if (c === '_') c = '/';
    acc = (acc << 6) | alphabet.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (acc >> bits) & 0xff;
      out += String.fromCharCode(byte);
      if ((byte >= 0x20 && byte < 0x7f) || byte === 9 || byte === 10 || byte === 13) printable++;
      else if (byte >= 0x80) printable += 0.75; // UTF-8 text is fine, raw binary is not
    }
  }
  if (out.length === 0 || printable < out.length * 0.9) return undefined;
  return out;
}
