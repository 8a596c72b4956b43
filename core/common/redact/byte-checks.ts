// Cheap byte-level checks run at each prefilter hit, before a line is handed to a rule: they
// reject the common non-secret uses of a trigger word ("Fetching session key for", "Connection
// is not available", "TokenAuthenticationFilter.doFilter(") without decoding the line.
// Each check is a necessary condition of its rule's regexes, so skipping a line never skips a
// secret (test/unit/redact/prefilter.test.ts compares prefiltered and full runs).
import { isLineStartKey } from './text-scan.js';

function isIdent(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45
  );
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

const NL = 10;
export const AFTER_LOGIN = /(?:^|[ \t])(?:login|user|account|machine)[ \t]+\S+[ \t]+$/;

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Bytes that can occur before a key at the start of a config line (indentation, `- `, export, `$env:`, a label). */
function prefixByte(c: number): boolean {
  return isAlnum(c) || c === 32 || c === 9 || c === 45 || c === 36 || c === 58;
}

/** What isLineStartKey (text-scan.ts) would say of the text between the line start and `s`. */
function atLineStart(b: Uint8Array, s: number): boolean {
  // Fast reject: a timestamp, a bracket or a dot before the key means running text.
  for (let j = s - 1, n = 0; j >= 0 && n < 48; j--, n++) {
    const c = b[j]!;
    if (c === NL || c === 0) break;
    if (!prefixByte(c)) {
      // deep indentation is fine: only blanks may follow from here back to the line start
      let k = j;
      while (k >= 0 && (b[k] === 32 || b[k] === 9)) k--;
      if (k >= 0 && b[k] !== NL && b[k] !== 0) return false;
      break;
    }
  }
  let i = s - 1;
  while (i >= 0 && (b[i] === 32 || b[i] === 9)) i--; // indentation of any depth
  const stop = Math.max(0, i - 80);
  let ls = i;
  while (ls >= stop && b[ls] !== NL && b[ls] !== 0) ls--;
  if (ls < stop && stop > 0) return false;
  let k = s;
  while (k > 0 && b[k - 1] === 45) k--; // dashes of --flag belong to the key
  return isLineStartKey(latin1(b, ls + 1, k));
}

// What may follow a key-value trigger word inside the key for the key to stay a secret one: a
// plural and qualifiers (`_b64`, `Value`, `Hash`, `_2`). Mirrors classifyKey(), which looks at the
// last word only, so `TokenAuthenticationFilter` and `pwd.min.length` stop here.
const SUFFIX_OK =
  /^(?:s|es|[._-]?text)?(?:[._-]?(?:value|val|b64|base64|enc|encoded|encrypted|hex|data|plain|plaintext|hash|id)|[._-]\d+)*$/i;

/** The rest of the identifier after the trigger leaves it a secret key name. */
export function keySuffixOk(b: Uint8Array, pos: number, len: number, end: number): boolean {
  let e = pos + len;
  while (e < end && isIdent(b[e]!)) e++;
  if (e === pos + len) return true;
  if (e - pos - len > 40) return false;
  return SUFFIX_OK.test(latin1(b, pos + len, e));
}

/**
 * The trigger is part of an identifier used as a key: followed (after an optional closing quote
 * and blanks) by `=`, `:` or `>` of an XML element, or, with blanks, by a value where a
 * blank-separated key is allowed (a flag, the start of a config line, a quoted value, netrc).
 */
export function keyValueCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  if (!keySuffixOk(b, pos, len, end)) return false;
  return keySeparatorCheck(b, pos, len, end);
}

/**
 * keyValueCheck for the built-in pack: besides, a key whose last word is `user` (`user=`,
 * `proxyUser:`) is only ever classified `userpass` by classifyKey(), whose value is removed only
 * in its `name:password` form, so with no `:` after the key on its line there is nothing for the
 * rule to remove. Some logs carry `user=u1252` on every line. Not for packs with custom key names
 * (a custom `db.user` makes `db_user=x` secret): buildPack() then uses keyValueCheck.
 */
export function builtinKeyValueCheck(
  b: Uint8Array,
  pos: number,
  len: number,
  end: number,
): boolean {
  if (!keyValueCheck(b, pos, len, end)) return false;
  if (!wordIs(b, pos, pos + len, 'user')) return true;
  const le = lineEnd(b, pos, end);
  for (let i = pos + len; i < le; i++) if (b[i] === 58 /* : */) return true;
  return false;
}

/** End (exclusive) of the line holding `pos`, at most `end`. */
function lineEnd(b: Uint8Array, pos: number, end: number): number {
  const e = b.indexOf(NL, pos);
  return e === -1 || e > end ? end : e;
}

/**
 * A whole word (wordCheck) on a line holding a `/`: the Oracle `user/password` rule's regex
 * cannot match a line without one (`target` and `catalog` are common words in logs).
 */
export function slashLineWordCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  if (!wordCheck(b, pos, len, end)) return false;
  const le = lineEnd(b, pos, end);
  for (let i = b.lastIndexOf(NL, pos) + 1; i < le; i++) if (b[i] === 47 /* / */) return true;
  return false;
}

/** keyValueCheck without the key-name part (custom key names). */
export function keySeparatorCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  let e = pos + len;
  while (e < end && isIdent(b[e]!)) e++;
  let s = pos;
  while (s > 0 && isIdent(b[s - 1]!)) s--;
  let p = e;
  const q = b[p];
  if (q === 34 || q === 39) p++;
  else if (q === 92 && (b[p + 1] === 34 || b[p + 1] === 39)) p += 2;
  const afterKey = p;
  while (p < end && (b[p] === 32 || b[p] === 9)) p++;
  const c = b[p];
  if (c === 61 /* = */ || c === 58 /* : */) return true;
  if (c === 44 /* , */ && afterKey > e) return true; // f('KEY', 'value')
  if (s > 0 && (b[s - 1] === 60 || b[s - 1] === 58)) return true; // <key> or <ns:key ...>
  if (p === afterKey || p >= end || c === NL || c === 13) return false;
  if (b[s] === 45 || (s > 0 && b[s - 1] === 45)) return true; // -flag / --flag
  if (c === 34 || c === 39) return true;
  if (atLineStart(b, s)) return true;
  // .netrc: machine h login u password p  (the word two tokens back)
  let j = s - 1;
  while (j >= 0 && (b[j] === 32 || b[j] === 9)) j--;
  while (j >= 0 && b[j] !== 32 && b[j] !== 9 && b[j] !== NL) j--;
  while (j >= 0 && (b[j] === 32 || b[j] === 9)) j--;
  const w = j + 1;
  while (j >= 0 && isAlnum(b[j]!)) j--;
  return NETRC_WORDS.some((word) => wordIs(b, j + 1, w, word));
}

const NETRC_WORDS = ['login', 'user', 'account', 'machine'];

/** b[s, e) is `word` (lower-case ASCII letters), in any case; no string is made. */
function wordIs(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if ((b[s + k]! | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * The key is given as data: `name="db.password"`, `<name>x.secret</name>`, `name: DB_TOKEN`. The
 * name-value rule's regexes require the whole value to be one identifier right after that syntax.
 */
export function nameValueCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  if (!keySuffixOk(b, pos, len, end)) return false;
  let s = pos;
  while (s > 0 && (isIdent(b[s - 1]!) || b[s - 1] === 47)) s--;
  let j = s - 1;
  const quoted = j >= 0 && (b[j] === 34 || b[j] === 39);
  if (quoted) j--;
  while (j >= 0 && (b[j] === 32 || b[j] === 9)) j--;
  if (j < 0) return false;
  const c = b[j];
  if (c === 61 /* = */ && quoted) {
    j--;
    while (j >= 0 && (b[j] === 32 || b[j] === 9)) j--;
    return /(?:^|[^A-Za-z0-9_])(?:name|key|property|param|parameter)$/i.test(
      latin1(b, Math.max(0, j - 10), j + 1),
    );
  }
  if (c === 62 /* > */) return /<(?:name|key)$/i.test(latin1(b, Math.max(0, j - 5), j));
  if (c === 58 /* : */) {
    j--;
    while (j >= 0 && (b[j] === 32 || b[j] === 9)) j--;
    if (j >= 0 && (b[j] === 34 || b[j] === 39)) j--;
    return /(?:^|[^A-Za-z0-9_])(?:name|key)$/i.test(latin1(b, Math.max(0, j - 4), j + 1));
  }
  return false;
}

export const NAME_ATTRS = 'name|key|property|param|parameter';

/** A whole word: not glued to letters or digits on either side. */
export function wordCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  const before = pos > 0 ? b[pos - 1]! : 32;
  const lastIsAlnum = isAlnum(b[pos + len - 1]!);
  const after = pos + len < end ? b[pos + len]! : 32;
  return !isAlnum(before) && !(lastIsAlnum && (isAlnum(after) || after === 95));
}

/** A token prefix: not glued to a preceding token character. */
export function tokenStartCheck(b: Uint8Array, pos: number): boolean {
  if (pos === 0) return true;
  const c = b[pos - 1]!;
  return !(isAlnum(c) || c === 95 || c === 43 || c === 47 || c === 45);
}

/** `scheme://...@`: an @ before the end of the URL's authority part. */
export function urlCheck(b: Uint8Array, pos: number, _len: number, end: number): boolean {
  for (let i = pos + 3; i < end; i++) {
    const c = b[i]!;
    if (c === 64) return true;
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96) return false;
  }
  return false;
}

/** `data:` / `stringData:` as a whole key (`metadata:` and `DataSource` are not). */
export function k8sDataCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  let s = pos;
  // stringData: the trigger matched "data" at its end
  if (s >= 6 && String.fromCharCode(...b.subarray(s - 6, s)).toLowerCase() === 'string') s -= 6;
  if (s > 0 && isIdent(b[s - 1]!)) return false;
  let p = pos + len;
  if (b[p] === 34 || b[p] === 39) p++;
  while (p < end && (b[p] === 32 || b[p] === 9)) p++;
  return b[p] === 58;
}

/** A program name as a command word: `mysql -p`, `/usr/bin/redis-cli -a`, not `mysql-connector`. */
export function commandCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  const before = pos > 0 ? b[pos - 1]! : 32;
  const okBefore =
    before === 32 ||
    before === 9 ||
    before === NL ||
    before === 0 ||
    before === 59 ||
    before === 124 ||
    before === 38 ||
    before === 40 ||
    before === 96 ||
    before === 39 ||
    before === 34 ||
    before === 61 ||
    before === 47;
  if (!okBefore) return false;
  if (b[pos + len - 1] === 32) return true; // triggers such as "az " include the blank
  const after = pos + len < end ? b[pos + len]! : 32;
  return (
    after === 32 || after === 9 || after === 34 || after === 39 || after === NL || after === 13
  );
}

/** `Bearer <token>` / `Basic <base64>`: the word, then a blank. */
export function schemeWordCheck(b: Uint8Array, pos: number, len: number, end: number): boolean {
  if (pos > 0 && isAlnum(b[pos - 1]!)) return false;
  const after = pos + len < end ? b[pos + len]! : 0;
  return after === 32 || after === 9;
}
