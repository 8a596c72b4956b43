// Oracle-style connect strings `user/password@db`: in CONNECT, sqlplus, rman, expdp/impdp, sqlldr,
// `userid=`, and `jdbc:oracle:thin:user/password@host`, with or without `@` (local connections).
import { isNonSecretValue } from '../values.js';
import type { Rule, SpanSink } from '../types.js';
import { classMask } from '../prefilter.js';
import { slashLineWordCheck } from '../byte-checks.js';

const CONTEXT =
  /(?:^|[^A-Za-z0-9_])(?:conn(?:ect)?|sqlplus|sqlldr|rman|expdp|impdp|exp|imp|dgmgrl|userid|jdbc:oracle:[a-z0-9]+|target|auxiliary|catalog)(?![A-Za-z0-9_])/i;
// user/password@db  (user may be "quoted"; password may be "quoted" or run to the last @ of the token)
const CRED =
  /(?<![A-Za-z0-9_./@-])("?[A-Za-z][\w$#.]*"?)\/("[^"]+"|[^\s/"'@][^\s"']*)(?=[\s"';]|$)/g;

const WORDS = [
  'connect',
  'conn',
  'sqlplus',
  'sqlldr',
  'rman',
  'expdp',
  'impdp',
  'exp',
  'imp',
  'userid',
  'jdbc:oracle',
  'dgmgrl',
  'target',
  'auxiliary',
  'catalog',
];

export const oracleConnectRule: Rule = {
  id: 'db-connect-password',
  triggers: WORDS,
  // whole words: nothing of a word may follow (CONTEXT's (?![A-Za-z0-9_]))
  triggerNext: classMask(' $-.'),
  check: slashLineWordCheck,
  apply: applyOracle,
};

/** EZConnect `user/pw@//host:port/service` even without a CONNECT-like word on the line. */
export const ezConnectRule: Rule = {
  id: 'db-connect-password',
  triggers: ['@//'],
  apply: applyOracle,
};

function applyOracle(line: string, out: SpanSink): void {
  // CRED needs a `/`; a cheap look first spares both regexes on most lines
  if (!line.includes('/')) return;
  if (!CONTEXT.test(line) && !line.includes('@//')) return;
  CRED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CRED.exec(line)) !== null) {
    let pw = m[2]!;
    let start = m.index + m[1]!.length + 1;
    if (pw.startsWith('"')) {
      start++;
      pw = pw.slice(1, pw.indexOf('"', 1));
    } else {
      const at = pw.lastIndexOf('@');
      if (at === 0) continue;
      if (at !== -1) pw = pw.slice(0, at);
      else if (!CONTEXT.test(line.slice(Math.max(0, m.index - 40), m.index))) continue;
    }
    if (pw.length === 0 || isNonSecretValue(pw)) continue;
    out.secret(start, start + pw.length, 'db-connect-password');
  }
}
