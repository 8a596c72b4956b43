// Files whose format says which field is secret, recognised by name: .pgpass, .htpasswd,
// htdigest, postfix sasl_passwd, rsyncd.secrets, Jetty/JBoss/Karaf *users.properties and
// realm.properties. These rules see every line of such files (they are small).
import { isNonSecretValue } from '../values.js';
import { trimmedEnd } from '../text-scan.js';
import type { Rule, SpanSink } from '../types.js';

type FieldRule = (line: string, out: SpanSink) => void;

function afterNthColon(n: number, rule: string): FieldRule {
  return (line, out) => {
    if (/^[ \t]*(?:#|$)/.test(line)) return;
    let p = -1;
    for (let i = 0; i < n; i++) {
      do p = line.indexOf(':', p + 1);
      while (p > 0 && line[p - 1] === '\\');
      if (p === -1) return;
    }
    emit(line, p + 1, trimmedEnd(line), rule, out);
  };
}

const saslPasswd: FieldRule = (line, out) => {
  const m = /^[ \t]*\S+[ \t]+[^\s:]+:(\S.*?)[ \t\r]*$/.exec(line);
  if (m)
    emit(
      line,
      line.lastIndexOf(m[1]!),
      line.lastIndexOf(m[1]!) + m[1]!.length,
      'smtp-password',
      out,
    );
};

const usersProperties: FieldRule = (line, out) => {
  const m = /^[ \t]*([^#!\s:=][^:=]*?)[ \t]*[:=][ \t]*([^,\r\n]*?)[ \t]*(?:,|\r?$)/.exec(line);
  if (!m || m[2]!.length === 0) return;
  const start = line.indexOf(m[2]!, m.index + m[0].indexOf(m[1]!) + m[1]!.length);
  emit(line, start, start + m[2]!.length, 'password', out);
};

function emit(line: string, start: number, end: number, rule: string, out: SpanSink): void {
  const v = line.slice(start, end);
  if (end > start && !isNonSecretValue(v) && v !== '!' && v !== '*' && !/^!+\*?$/.test(v))
    out.secret(start, end, rule);
}

const KINDS: Array<{ match: RegExp; apply: FieldRule }> = [
  { match: /^(?:\.pgpass|pgpass\.conf)$/, apply: afterNthColon(4, 'password') },
  {
    match: /(?:^|[._-])htpasswd(?:$|[._-])|^\.?passwd\.(?:htaccess|nginx)$/,
    apply: afterNthColon(1, 'password-hash'),
  },
  { match: /(?:^|\.)htdigest$/, apply: afterNthColon(2, 'password-hash') },
  { match: /^sasl_passwd$/, apply: saslPasswd },
  { match: /(?:^|[.-])secrets$/, apply: afterNthColon(1, 'password') },
  { match: /^(?:realm|(?:[\w-]+-)?users)\.properties$/, apply: usersProperties },
];

/** The file-kind rule for this base name (lower case), if any. */
export function fileKindRule(fileName: string | undefined): Rule | undefined {
  if (!fileName) return undefined;
  const kind = KINDS.find((k) => k.match.test(fileName));
  if (!kind) return undefined;
  return {
    id: `file-kind`,
    triggers: [],
    always: true,
    apply: (line, out) => kind.apply(line, out),
  };
}
