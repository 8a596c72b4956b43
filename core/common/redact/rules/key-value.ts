// The key/value rule: a secret-named key followed by its value, in every common syntax:
// .properties/INI/.env (`k=v`, `k = v`), YAML (`k: v`), JSON (`"k": "v"`), XML attributes and
// elements (`k="v"`, `<k>v</k>`), shell (`export K=v`), JVM `-Dk=v`, CLI `--k v` / `-k v`,
// PHP/Ruby `k => v`, LDIF `k:: base64`, whitespace configs (`password  v`, .netrc) and URL query
// parameters. Only the value is replaced; the key and the file's structure stay.
import type { KeyClass } from '../key-names.js';
import {
  decodeBase64Text,
  isCredentialLike,
  isNonSecretValue,
  isNssSourceList,
  isRandomLike,
} from '../values.js';
import {
  inlineValueEnd,
  isIdentChar,
  isLineStartKey,
  isQuote,
  isSpace,
  logicalLineStart,
  quotedValue,
  skipBlanks,
  trimmedEnd,
} from '../text-scan.js';
import type { LineContext, Rule, SpanSink } from '../types.js';
import { classMask } from '../prefilter.js';
import {
  AFTER_LOGIN,
  builtinKeyValueCheck,
  keySeparatorCheck,
  keyValueCheck,
} from '../byte-checks.js';
import { emitCookiePairs } from './cookie-pairs.js';
import { doubledQuoteValue, placeholderDefault, stringList } from './value-forms.js';

const KEYWORDS =
  /pass|pw|secret|token|key|cred|auth|communit|psk|sess|sid|cookie|sig|pin|user|clear.?text/gi;

// The secret words of classifyKey(), each as a whole word: what may follow a trigger inside the
// key is limited to the classes of separators, plurals and qualifiers (`_b64`, `Value`, `Hash`),
// so `TokenAuthenticationFilter` or `SessionRegistry` never reach the rule.
export const KV_TRIGGERS = [
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'pass',
  'pwd',
  'pw',
  'pword',
  'secret',
  'token',
  'key',
  'credential',
  'cred',
  'auth',
  'authorization',
  'authorisation',
  'authentication',
  'authkey',
  'authz',
  'community',
  'communities',
  'psk',
  'sessionid',
  'session',
  'sessid',
  'sid',
  'sessionkey',
  'sessiontoken',
  'cookie',
  'sig',
  'signature',
  'pin',
  'user',
  'userinfo',
  'userpwd',
  'userpass',
  'cleartext',
  'clear-text',
  'clear_text',
  'authtok',
] as const;

/** Separators, non-identifier bytes, plural `s` and the first letters of the qualifiers. */
export const KV_NEXT = classMask(' $_-.sSvVbBeEhHdDpPiI');

type Sep = '=' | ':' | '::' | '=>' | ',' | 'ws' | 'xml';

/** The nsswitch.conf databases whose names look secret (`passwd`, FreeBSD's `passwd_compat`). */
const NSS_DATABASE_KEY = /^passwd(?:_compat)?$/i;

/** `a=1 b=2` on one line: values end at blanks even at the start of a line. */
const MORE_PAIRS = /[ \t][A-Za-z_][\w.-]*=[^ \t=]/;

interface KeyHit {
  keyStart: number; // first char of the key (after dashes, -D, quotes)
  keyEnd: number;
  quoted: boolean;
  flag: boolean; // --key or -key
  sep: Sep;
  valueStart: number; // after the separator and blanks
}

export const keyValueRule: Rule = {
  ...makeKeyValueRule('key-value', KEYWORDS, KV_TRIGGERS),
  check: builtinKeyValueCheck,
};

/** The key/value rule for a pack with custom key names, which may end in any word. */
export const keyValueRuleAnyKey: Rule = makeKeyValueRule('key-value', KEYWORDS, KV_TRIGGERS);

/** The key/value rule over the keys found by `keywords` (a global, case-insensitive regex). */
export function makeKeyValueRule(id: string, keywords: RegExp, triggers: readonly string[]): Rule {
  return {
    id,
    triggers,
    triggerNext: id === 'key-value' ? KV_NEXT : undefined,
    triggerNextLower: 's',
    // Custom key names are matched whole by classifyKey, so only the separator can be checked.
    check: id === 'key-value' ? keyValueCheck : keySeparatorCheck,
    apply(line, out, ctx) {
      scanKeys(line, keywords, out, ctx);
    },
  };
}

function scanKeys(line: string, KEYWORDS: RegExp, out: SpanSink, ctx: LineContext): void {
  KEYWORDS.lastIndex = 0;
  let m: RegExpExecArray | null;
  let next = 0;
  // environ-style text (NUL-separated) is rare: look for its logical lines only when it is there
  const hasNul = line.includes('\0');
  while ((m = KEYWORDS.exec(line)) !== null) {
    if (m.index < next) continue;
    let s = m.index;
    while (s > 0 && isIdentChar(line.charCodeAt(s - 1))) s--;
    let e = m.index + m[0].length;
    while (e < line.length && isIdentChar(line.charCodeAt(e))) e++;
    next = e;
    KEYWORDS.lastIndex = e;
    const hit = parseKey(line, s, e);
    if (!hit) continue;
    const key = line.slice(hit.keyStart, hit.keyEnd);
    const cls = ctx.classifyKey(key);
    if (!cls) continue;
    const after = emitValue(line, hit, cls, out, ctx, hasNul);
    if (after > next) {
      next = after;
      KEYWORDS.lastIndex = after;
    }
  }
}

/** Key bounds and the separator after it, or undefined when this is not a key (`$VAR`, `f(x)`). */
function parseKey(line: string, s: number, e: number): KeyHit | undefined {
  // Trailing dots/dashes belong to prose ("the password.").
  while (e > s && (line[e - 1] === '.' || line[e - 1] === '-')) e--;
  let keyStart = s;
  let flag = false;
  if (line[keyStart] === '-') {
    while (line[keyStart] === '-') keyStart++;
    flag =
      keyStart - s <= 2 &&
      (s === 0 || isSpace(line.charCodeAt(s - 1)) || isQuote(line.charCodeAt(s - 1)));
    // -Dname=value: a JVM system property, the key is what follows -D.
    if (keyStart - s === 1 && line[keyStart] === 'D' && /[a-z]/i.test(line[keyStart + 1] ?? ''))
      keyStart++;
  }
  if (keyStart >= e) return undefined;
  const before = s > 0 ? line[s - 1] : '';
  if (before === '$' || before === '%' || before === '{' || before === '@' || before === '/')
    return undefined;
  if (s >= 2 && line[s - 2] === '$' && before === '{') return undefined;
  let p = e;
  let quoted = false;
  const q = before === '"' || before === "'" ? before : '';
  if (q && line[p] === q) {
    quoted = true;
    p++;
  } else if (q && line[p] === '\\' && line[p + 1] === q) {
    quoted = true;
    p += 2;
  }
  // XML element: <password>v</password>, <ns:Password attr="x">v</ns:Password>
  if (
    !quoted &&
    (before === '<' || (before === ':' && /<[\w-]+:$/.test(line.slice(Math.max(0, s - 40), s))))
  ) {
    const close = line.indexOf('>', p);
    if (close === -1 || line[close - 1] === '/') return undefined;
    if (/[^ \t\w"'=:.\-/]/.test(line.slice(p, close))) return undefined;
    return { keyStart, keyEnd: e, quoted, flag, sep: 'xml', valueStart: close + 1 };
  }
  if (line[p] === '(' || line[p] === '[') return undefined;
  const blanks = skipBlanks(line, p);
  const c = line[blanks];
  const c2 = line[blanks + 1];
  let sep: Sep | undefined;
  let v = blanks;
  if (c === '=' && c2 === '>') [sep, v] = ['=>', blanks + 2];
  else if (c === ':' && c2 === '=') [sep, v] = ['=', blanks + 2];
  else if (c === ':' && c2 === ':') [sep, v] = ['::', blanks + 2];
  else if (c === '=') [sep, v] = ['=', blanks + 1];
  else if (c === ':') [sep, v] = [':', blanks + 1];
  // a call's first two arguments: define('DB_PASSWORD', 'x'), setProperty("db.password", "x")
  else if (c === ',' && quoted && /\([ \t]*\\?["']$/.test(line.slice(Math.max(0, s - 8), s)))
    [sep, v] = [',', blanks + 1];
  else if (blanks > p && c !== undefined && !isSpace(line.charCodeAt(blanks)))
    [sep, v] = ['ws', blanks];
  if (!sep) return undefined;
  // "host:port"-like `a:b` is not key: value unless quoted/JSON or followed by a blank.
  if (
    sep === ':' &&
    !quoted &&
    v < line.length &&
    !isSpace(line.charCodeAt(v)) &&
    !isQuote(line.charCodeAt(v))
  )
    return undefined;
  return { keyStart, keyEnd: e, quoted, flag, sep, valueStart: skipBlanks(line, v) };
}

/** Find the value for a classified key and report it; returns the index after the value. */
function emitValue(
  line: string,
  hit: KeyHit,
  cls: KeyClass,
  out: SpanSink,
  ctx: LineContext,
  hasNul: boolean,
): number {
  const n = line.length;
  const p = hit.valueStart;
  if (p >= n) return p;
  const lineStart0 = hasNul ? logicalLineStart(line, hit.keyStart) : 0;
  let prefixEnd = hit.keyStart;
  if (hit.quoted) prefixEnd--;
  while (prefixEnd > lineStart0 && line[prefixEnd - 1] === '-') prefixEnd--;
  const prefix = line.slice(lineStart0, prefixEnd);
  const lineStart = (ctx.atLineStart || lineStart0 > 0) && isLineStartKey(prefix);
  const c = line.charCodeAt(p);

  let vs = p;
  let ve: number;
  let after: number;
  let quotedValue_ = false;
  const doubled = doubledQuoteValue(line, p);
  const list = c === 91 /* [ */ && cls.strength === 'strong' ? stringList(line, p) : undefined;
  if (list) {
    for (const [s, e] of list)
      if (!isNonSecretValue(line.slice(s, e))) out.secret(s, e, ruleFor(cls, line, hit));
    return line.indexOf(']', list.at(-1)![1]) + 1;
  } else if (doubled) {
    [vs, ve] = doubled;
    after = ve + 2;
  } else if (isQuote(c) || (c === 92 && isQuote(line.charCodeAt(p + 1)))) {
    const qv = quotedValue(line, p);
    quotedValue_ = true;
    if (qv) [vs, ve, after] = [qv.start, qv.end, qv.after];
    else {
      vs = p + (c === 92 ? 2 : 1);
      ve = trimJsonTail(line, vs, trimmedEnd(line));
      after = n;
    }
  } else if (hit.sep === ',') {
    return hit.keyEnd;
  } else if (hit.sep === 'xml') {
    const lt = line.indexOf('<', p);
    ve = trimmedEnd(line, lt === -1 ? n : lt);
    after = ve;
    // `AUTH <PASSWORD> before processing`: prose around a tag, not an element with a value
    if (lt === -1 ? /[ \t]/.test(line.slice(p, ve)) : line[lt + 1] !== '/') return hit.keyEnd;
  } else if (hit.sep === 'ws') {
    ve = inlineValueEnd(line, p);
    after = ve;
    const rest = skipBlanks(line, ve);
    const single = rest >= trimmedEnd(line);
    const afterLogin = AFTER_LOGIN.test(line.slice(Math.max(0, hit.keyStart - 120), hit.keyStart));
    if (!(hit.flag || (lineStart && single) || afterLogin)) return hit.keyEnd;
    if (hit.flag && line[p] === '-') return hit.keyEnd;
    // `... token id=fb8574e ...`: the next word is a key of its own, not this key's value
    if (!hit.flag && /^[A-Za-z_][\w.-]*=[^=]/.test(line.slice(vs, ve))) return hit.keyEnd;
    if (!hit.flag && !isCredentialLike(line.slice(vs, ve))) return hit.keyEnd;
  } else if (lineStart && !MORE_PAIRS.test(line.slice(p, trimmedEnd(line)))) {
    // A whole config line: the value runs to the end of the line (it may contain blanks).
    if (c === 124 /* | */ || c === 62 /* > */) {
      if (
        /^[|>][-+0-9]*[ \t]*$/.test(line.slice(p, trimmedEnd(line))) &&
        cls.strength === 'strong'
      ) {
        const indent = line.length - line.trimStart().length;
        ctx.state.blockScalar = { rule: ruleFor(cls, line, hit), indent };
      }
      return n;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) return p;
    ve = trimmedEnd(line);
    const z = line.indexOf('\0', p);
    if (z !== -1 && z < ve) ve = z;
    if (hit.quoted) ve = trimJsonTail(line, p, ve);
    after = ve;
  } else {
    ve = inlineValueEnd(line, p);
    after = ve;
    if (hit.sep === ':' && !hit.quoted && !isCredentialLike(line.slice(vs, ve))) return hit.keyEnd;
    // `secret=orders-db`, `credentials=valid` in a log line: a name or a status, not a secret
    if (hit.sep === '=' && /^[a-z]+(?:[-_.][a-z]+)*$/.test(line.slice(vs, ve))) return hit.keyEnd;
  }
  if (ve <= vs) return hit.keyEnd;

  let value = line.slice(vs, ve);
  // keytool -storepass:env NAME / -storepass:file PATH: a reference, not a value.
  if (hit.sep === ':' && /^(?:env|file)$/.test(value)) return hit.keyEnd;
  // openssl pass:SECRET (env:, file:, fd:, stdin are references)
  if (/^pass:/.test(value)) {
    vs += 5;
    value = value.slice(5);
  }
  const def = placeholderDefault(value);
  if (def) {
    out.secret(vs + def[0], vs + def[1], ruleFor(cls, line, hit));
    return after;
  }
  // a placeholder's inside (${VAULT::ks::pw::1}) is not looked at again
  if (value === 'stdin' || isNonSecretValue(value)) return after;
  // APT preferences: `Pin: origin deb.example.org`, `Pin: release a=stable` select packages
  if (
    /^pin$/i.test(line.slice(hit.keyStart, hit.keyEnd)) &&
    /^(?:release|origin|version)[ \t]/.test(value)
  )
    return after;
  // nsswitch.conf: `passwd: files systemd` says where accounts are looked up (NSS_DATABASE_KEY).
  if (hit.sep === ':' && NSS_DATABASE_KEY.test(line.slice(hit.keyStart, hit.keyEnd)))
    if (isNssSourceList(value)) return after;
  if (
    hit.quoted &&
    !quotedValue_ &&
    /^(?:-?\d+(?:\.\d+)?)$/.test(value) &&
    cls.strength !== 'strong'
  )
    return hit.keyEnd;

  switch (cls.strength) {
    case 'weak':
      if (!isRandomLike(value)) return hit.keyEnd;
      break;
    case 'session':
      if (!(hit.sep === '=' || hit.quoted)) return hit.keyEnd;
      if (value.length < 8 || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return hit.keyEnd;
      break;
    case 'cookie':
      emitCookiePairs(line, vs, ve, out);
      return after;
    case 'userpass': {
      const colon = value.indexOf(':');
      if (colon <= 0 || /[ \t]/.test(value.slice(0, colon)) || colon === value.length - 1)
        return hit.keyEnd;
      if (isNonSecretValue(value.slice(colon + 1))) return hit.keyEnd;
      out.secret(vs + colon + 1, ve, cls.rule);
      return after;
    }
    default:
      break;
  }
  out.secret(vs, ve, ruleFor(cls, line, hit, value));
  return after;
}

function trimJsonTail(line: string, start: number, end: number): number {
  while (end > start && (line[end - 1] === ',' || line[end - 1] === '}' || line[end - 1] === ']'))
    end--;
  return end;
}

function ruleFor(cls: KeyClass, line: string, hit: KeyHit, value?: string): string {
  if (cls.rule === 'auth' && value) {
    const decoded = decodeBase64Text(value);
    if (decoded && /^[^:\s]+:./.test(decoded)) return 'basic-auth';
  }
  if (cls.rule === 'password' || cls.rule === 'secret') {
    const tokenStart = Math.max(
      line.lastIndexOf(' ', hit.keyStart),
      line.lastIndexOf('"', hit.keyStart - 2),
    );
    if (/jdbc:/i.test(line.slice(tokenStart + 1, hit.keyStart))) return 'jdbc-password';
  }
  return cls.rule;
}
