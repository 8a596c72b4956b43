// Passwords an admin types into commands where no flag or key names them: PowerShell
// `ConvertTo-SecureString 'pw' -AsPlainText`, Windows `cmdkey /pass:pw` and `net use \\srv\share
// pw /user:x`, and a password piped into a program that reads it from stdin
// (`echo 'pw' | docker login --password-stdin`, `echo 'user:pw' | chpasswd`); also `net user NAME
// pw`, MySQL `PASSWORD('pw')`, mongo `changeUserPassword("u", "pw")`, Go MySQL DSNs
// (`user:pw@tcp(host)/db`) and a password quoted in prose (`login with password X`,
// `password is X`), where X must look typed (letters and digits) to count.
import { isCredentialLike, isNonSecretValue } from '../values.js';
import type { Rule, SpanSink } from '../types.js';

function emit(out: SpanSink, line: string, start: number, end: number, rule: string): void {
  if (end > start && !isNonSecretValue(line.slice(start, end))) out.secret(start, end, rule);
}

const QUOTED_OR_WORD = `(?:"([^"]*)"|'([^']*)'|([^\\s"'|;]+))`;
const SECURE_STRING = new RegExp(
  `ConvertTo-SecureString[ \\t]+(?:-String[ \\t]+)?${QUOTED_OR_WORD}`,
  'dgi',
);
const CMDKEY_PASS = new RegExp(`(?:^|[ \\t])/pass:${QUOTED_OR_WORD}`, 'dgi');
const NET_USE = /\bnet[ \t]+use\b([^|;&\r\n]*)/gi;
const STDIN_PIPE = new RegExp(
  `\\b(?:echo|printf)[ \\t]+(?:-[neE]+[ \\t]+)?(?:(["'])%s(?:\\\\n)?\\1[ \\t]+)?${QUOTED_OR_WORD}[ \\t]*\\|[ \\t]*([^|;&\\r\\n]*)`,
  'dg',
);
const NET_USER = /\bnet[ \t]+user[ \t]+("[^"]+"|\S+)[ \t]+([^\s/*"][^\s"]*|"[^"]+")/gi;
const SQL_PASSWORD_FN = /\bPASSWORD[ \t]*\([ \t]*(?:'([^']+)'|"([^"]+)")[ \t]*\)/gi;
const SET_PASSWORD_CALL =
  /\b(?:set|change|update|reset|create)\w*Password[ \t]*\([ \t]*(?:(["'])[^"']*\1[ \t]*,[ \t]*)?(?:"([^"]+)"|'([^']+)')/gi;
const GO_DSN = /(?:^|[\s"'=])[\w.-]+:([^\s@"'/:]+)@(?:tcp|unix|udp)\(/g;
const PROSE_PASSWORD =
  /\b(?:(?:with|using|wrong|invalid|incorrect|bad|new|old|temporary|initial|default)[ \t]+(?:password|passphrase|passwd)|(?:password|passphrase|passwd)[ \t]+(?:is|was|set to|changed to|reset to))[ \t]*:?[ \t]*(["']?)([^\s"'=]{6,128}?)\1(?=[\s.,;)]|$)/gi;
const READS_STDIN =
  /--password-stdin|--pass(?:word)?-stdin|\bchpasswd\b|\bpasswd[ \t]+--stdin|\bkinit\b|--password-from-stdin/;

/** Typed, not a word of prose: letters and digits, and no algorithm (`with password SHA256-hashed`). */
function proseCredential(v: string): boolean {
  if (!/\d/.test(v) || !/[A-Za-z]/.test(v) || !isCredentialLike(v)) return false;
  return !/sha-?\d|md5|bcrypt|scrypt|argon2|pbkdf2|crypt|hash|aes-?\d|rsa-?\d|utf-?8|v\d+(?:\.\d+)*$/i.test(
    v,
  );
}

/** [start, end) of the value of a QUOTED_OR_WORD whose groups start at `g` (regex flag d). */
function valueOf(m: RegExpExecArray, g: number): [number, number] | undefined {
  for (let k = g; k < g + 3; k++) if (m[k] !== undefined) return m.indices![k];
  return undefined;
}

export const adminCommandsRule: Rule = {
  id: 'admin-commands',
  triggers: [
    'convertto-securestring',
    '/pass:',
    'net use',
    'net user',
    '-stdin',
    'chpasswd',
    'kinit',
    'password(',
    'password (',
    '@tcp(',
    '@unix(',
    'password',
    'passphrase',
    'passwd',
  ],
  apply(line, out) {
    for (const re of [NET_USER, SQL_PASSWORD_FN, SET_PASSWORD_CALL, GO_DSN, PROSE_PASSWORD]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) {
        const g = re === NET_USER ? 2 : re === SET_PASSWORD_CALL ? (m[2] ? 2 : 3) : m[2] ? 2 : 1;
        let v = m[g]!;
        if (re === SQL_PASSWORD_FN) v = m[1] ?? m[2]!;
        if (re === PROSE_PASSWORD && !proseCredential(v)) continue;
        if (re === NET_USER && v.startsWith('"')) v = v.slice(1, -1);
        const end = line.lastIndexOf(v, m.index + m[0].length) + v.length;
        emit(out, line, end - v.length, end, 'password');
      }
    }
    for (const re of [SECURE_STRING, CMDKEY_PASS]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) {
        const r = valueOf(m, 1);
        if (r && !line.slice(r[0], r[1]).startsWith('$')) emit(out, line, r[0], r[1], 'password');
      }
    }
    NET_USE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NET_USE.exec(line)) !== null) {
      let at = m.index + m[0].length - m[1]!.length;
      for (const w of m[1]!.split(/[ \t]+/)) {
        if (w.length === 0) continue;
        const s = line.indexOf(w, at);
        at = s + w.length;
        // drive (`X:`), share (`\\srv\share`), switches (`/user:x`, `/persistent:no`), prompt (`*`)
        if (/^(?:[A-Za-z]:|\\\\|\/|\*$|"?\\\\)/.test(w)) continue;
        emit(out, line, s, at, 'password');
      }
    }
    STDIN_PIPE.lastIndex = 0;
    while ((m = STDIN_PIPE.exec(line)) !== null) {
      if (!READS_STDIN.test(m[5]!)) continue;
      const [vs, ve] = valueOf(m, 2)!;
      let start = vs;
      // chpasswd reads `user:password`
      const colon = line.indexOf(':', vs);
      if (/\bchpasswd\b/.test(m[5]!) && colon !== -1 && colon < ve) start = colon + 1;
      emit(out, line, start, ve, 'password');
    }
  },
};
