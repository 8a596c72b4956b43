// Passwords given to well-known programs on their command line, where the flag alone says nothing
// (`-p` is a password for mysql and az but a port for ssh): mysql -pX, redis-cli -a X,
// ldapsearch -w X, snmpwalk -c X / -A X / -X X, sshpass -p X, curl -u user:X, smbclient -U user%X,
// sqlcmd -P X, htpasswd -b file user X, ... Long flags (--password X) are in key-value.ts.
import { isNonSecretValue } from '../values.js';
import { shellWords, valueRange, type Word } from '../shell-words.js';
import type { Rule, SpanSink } from '../types.js';
import { commandCheck } from '../byte-checks.js';
import { classMask } from '../prefilter.js';

type Kind = 'next' | 'attached' | 'both' | 'userpass:' | 'userpass%' | 'userpass,';
interface Flag {
  kind: Kind;
  rule: string;
}
interface Program {
  flags: Record<string, Flag>;
  /** Only after one of these words (docker login -p, not docker run -p). */
  after?: RegExp;
  positional?: (words: Word[]) => number | undefined;
}

const pw = (kind: Kind, rule = 'cli-password'): Flag => ({ kind, rule });

const MYSQL: Program = { flags: { '-p': pw('attached') } };
const SNMP: Program = {
  flags: {
    '-c': pw('both', 'snmp-community'),
    '-A': pw('both', 'snmp-passphrase'),
    '-X': pw('both', 'snmp-passphrase'),
  },
};
const LDAP: Program = { flags: { '-w': pw('both', 'ldap-bind-password') } };
const SMB: Program = { flags: { '-U': pw('userpass%'), '--user': pw('userpass%') } };
const MSSQL: Program = { flags: { '-P': pw('both') } };
const MONGO: Program = { flags: { '-p': pw('next') } };
const LOGIN: Program = { flags: { '-p': pw('next') }, after: /^(?:login|add)$/ };

const PROGRAMS: Record<string, Program> = {
  mysql: MYSQL,
  mysqldump: MYSQL,
  mysqladmin: MYSQL,
  mysqlcheck: MYSQL,
  mysqlimport: MYSQL,
  mysqlshow: MYSQL,
  mysqlbinlog: MYSQL,
  mysqlsh: MYSQL,
  mariadb: MYSQL,
  'mariadb-dump': MYSQL,
  'mariadb-admin': MYSQL,
  'redis-cli': { flags: { '-a': pw('next'), '--pass': pw('next') } },
  ldapsearch: LDAP,
  ldapmodify: LDAP,
  ldapadd: LDAP,
  ldapdelete: LDAP,
  ldapmodrdn: LDAP,
  ldapwhoami: LDAP,
  ldapcompare: LDAP,
  ldapexop: LDAP,
  ldappasswd: {
    flags: { '-w': pw('both', 'ldap-bind-password'), '-s': pw('next'), '-a': pw('next') },
  },
  snmpwalk: SNMP,
  snmpbulkwalk: SNMP,
  snmpget: SNMP,
  snmpgetnext: SNMP,
  snmpbulkget: SNMP,
  snmpset: SNMP,
  snmptrap: SNMP,
  snmpinform: SNMP,
  snmptable: SNMP,
  snmpstatus: SNMP,
  snmpdf: SNMP,
  snmpnetstat: SNMP,
  snmpdelta: SNMP,
  snmptest: SNMP,
  snmpusm: SNMP,
  snmpvacm: SNMP,
  az: { flags: { '-p': pw('next') }, after: /^(?:login|create|reset|credential)$/ },
  sshpass: { flags: { '-p': pw('both') } },
  curl: {
    flags: {
      '-u': pw('userpass:'),
      '--user': pw('userpass:'),
      '-U': pw('userpass:'),
      '--proxy-user': pw('userpass:'),
      '--oauth2-bearer': pw('next', 'bearer-token'),
    },
  },
  smbclient: SMB,
  rpcclient: SMB,
  smbcacls: SMB,
  smbget: SMB,
  smbmap: { flags: { '-p': pw('next') } },
  sqlcmd: MSSQL,
  bcp: MSSQL,
  osql: MSSQL,
  isql: MSSQL,
  ipmitool: { flags: { '-P': pw('next'), '-y': pw('next'), '-k': pw('next') } },
  mosquitto_pub: { flags: { '-P': pw('next'), '--pw': pw('next') } },
  mosquitto_sub: { flags: { '-P': pw('next'), '--pw': pw('next') } },
  lftp: { flags: { '-u': pw('userpass,') } },
  rdesktop: { flags: { '-p': pw('next') } },
  mongo: MONGO,
  mongosh: MONGO,
  mongodump: MONGO,
  mongorestore: MONGO,
  mongoexport: MONGO,
  mongoimport: MONGO,
  docker: LOGIN,
  podman: LOGIN,
  nerdctl: LOGIN,
  buildah: LOGIN,
  helm: LOGIN,
  skopeo: {
    flags: {
      '--creds': pw('userpass:'),
      '--src-creds': pw('userpass:'),
      '--dest-creds': pw('userpass:'),
    },
  },
  useradd: { flags: { '-p': pw('next', 'password-hash') } },
  usermod: { flags: { '-p': pw('next', 'password-hash') } },
  openssl: { flags: { '-k': pw('next') } },
  htpasswd: {
    flags: {},
    positional(words) {
      const flags = words
        .filter((w) => w.text.startsWith('-'))
        .map((w) => w.text)
        .join('');
      if (!flags.includes('b')) return undefined;
      const args = words.filter((w) => !w.text.startsWith('-'));
      return words.indexOf(args[flags.includes('n') ? 1 : 2]!);
    },
  },
  rabbitmqctl: {
    flags: {},
    positional(words) {
      const i = words.findIndex((w) =>
        /^(?:add_user|change_password|authenticate_user)$/.test(w.text),
      );
      return i === -1 || !words[i + 2] ? undefined : i + 2;
    },
  },
  vault: {
    flags: {},
    positional(words) {
      const i = words.findIndex((w) => w.text === 'login');
      const t = words.slice(i + 1).find((w) => !w.text.startsWith('-') && !w.text.includes('='));
      return i === -1 || !t ? undefined : words.indexOf(t);
    },
  },
};

const NAMES = Object.keys(PROGRAMS)
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[-.]/g, '\\$&'));
const PROGRAM_RE = new RegExp(`(?:^|[\\s;|&(\`'"=/])(${NAMES.join('|')})(?=[\\s"']|$)`, 'g');

export const cliFlagsRule: Rule = {
  id: 'cli-flags',
  triggers: [...Object.keys(PROGRAMS), 'xfreerdp'],
  // a command word: followed by a blank or a quote
  triggerNext: classMask(' '),
  check: (b, pos, len, end) =>
    (b[pos] === 120 && b[pos + 1] === 102) /* xfreerdp */ || commandCheck(b, pos, len, end),
  apply(line, out) {
    PROGRAM_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PROGRAM_RE.exec(line)) !== null) {
      const prog = PROGRAMS[m[1]!]!;
      const words = shellWords(line, m.index + m[0].length);
      applyProgram(line, prog, words, out);
    }
    // xfreerdp /p:secret
    for (let i = line.indexOf('xfreerdp'); i !== -1; i = line.indexOf('xfreerdp', i + 1)) {
      for (const w of shellWords(line, i + 8)) {
        if (/^\/p:./.test(w.text)) emit(line, w, 3, 'cli-password', out);
      }
    }
  },
};

function applyProgram(line: string, prog: Program, words: Word[], out: SpanSink): void {
  let active = !prog.after;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!active) {
      if (prog.after!.test(w.text)) active = true;
      continue;
    }
    for (const [name, flag] of Object.entries(prog.flags)) {
      if (w.text === name) {
        if (flag.kind === 'attached') continue;
        const v = words[i + 1];
        if (!v || (v.text.startsWith('-') && v.text.length > 1)) continue;
        emitKind(line, v, 0, flag, out);
        i++;
      } else if (
        w.text.startsWith(name) &&
        w.text.length > name.length &&
        flag.kind !== 'next' &&
        !name.startsWith('--')
      ) {
        if (flag.kind === 'attached' || flag.kind === 'both')
          emitKind(line, w, name.length, flag, out);
      } else if (name.startsWith('--') && w.text.startsWith(`${name}=`)) {
        emitKind(line, w, name.length + 1, flag, out);
      }
    }
  }
  const pos = prog.positional?.(words);
  if (pos !== undefined && words[pos]) emit(line, words[pos]!, 0, 'cli-password', out);
}

function emitKind(line: string, w: Word, skip: number, flag: Flag, out: SpanSink): void {
  const sepChar = flag.kind.startsWith('userpass') ? flag.kind.slice(-1) : '';
  if (!sepChar) return emit(line, w, skip, flag.rule, out);
  const text = w.text.slice(skip);
  const at = text.indexOf(sepChar);
  if (at <= 0 || at === text.length - 1) return;
  emit(line, w, skip + at + 1, flag.rule, out);
}

function emit(line: string, w: Word, skip: number, rule: string, out: SpanSink): void {
  const value = w.text.slice(skip);
  if (value.length === 0 || isNonSecretValue(value) || /^\$/.test(value)) return;
  const r = valueRange(line, w, skip);
  if (r.end > r.start) out.secret(r.start, r.end, rule);
}
