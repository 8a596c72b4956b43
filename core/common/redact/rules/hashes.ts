// Password hashes are secrets too (they can be cracked offline): crypt(3) formats ($1$, $5$, $6$,
// $y$, bcrypt $2b$, $apr1$, argon2, scrypt, pbkdf2), LDAP {SSHA}-style, Django/passlib, Jetty
// MD5:/CRYPT:/OBF:, PostgreSQL SCRAM and pwdump NTLM lines.
import type { Rule } from '../types.js';

const L = '(?<![A-Za-z0-9./$])';
const HASHES: RegExp[] = [
  // crypt(3): $id$[params$]salt$hash, bcrypt $2b$12$<53>
  new RegExp(
    `${L}\\$(?:2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}|(?:1|5|6|md5|apr1|sha1|y|gy|7|sha256|sha512)\\$(?:[^$\\s:'"]{1,120}\\$){1,3}[./A-Za-z0-9]{16,200})`,
    'g',
  ),
  // PHC strings: $argon2id$v=19$m=...$salt$hash, $scrypt$..., $pbkdf2-sha256$...
  new RegExp(
    `${L}\\$(?:argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\\d+)?|balloon|yescrypt)\\$[^\\s'"]{16,400}`,
    'g',
  ),
  // LDAP / Dovecot scheme prefixes
  /\{(?:S?SHA(?:\d{3})?|S?MD5|CRYPT|PBKDF2(?:-SHA\d+)?|ARGON2(?:I|ID|D)?|BCRYPT|BLF-CRYPT|SHA\d{3}-CRYPT|SSHA\d{3}|NTLM|CRAM-MD5|MD5-CRYPT|CLEARTEXT|PLAIN)\}[^\s"'<,;]{4,400}/gi,
  // Django / passlib: pbkdf2_sha256$260000$salt$hash, argon2$argon2id$..., bcrypt_sha256$$2b$...
  /\b(?:pbkdf2_sha(?:1|256)|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|unsalted_md5)\$[^\s'"]{20,400}/g,
  // Jetty realm: MD5:hex, CRYPT:xx, OBF:xxxx (obfuscated = reversible)
  /\b(?:MD5|CRYPT|OBF):[A-Za-z0-9./$]{8,200}/g,
  // PostgreSQL SCRAM verifiers
  /SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+/g,
  // pwdump: user:rid:LMHASH:NTHASH:::
  /\b[0-9A-Fa-f]{32}:[0-9A-Fa-f]{32}(?=:::)/g,
];

export const passwordHashRule: Rule = {
  id: 'password-hash',
  triggers: [
    '$1$',
    '$2a$',
    '$2b$',
    '$2y$',
    '$2x$',
    '$5$',
    '$6$',
    '$y$',
    '$gy$',
    '$7$',
    '$md5',
    '$apr1$',
    '$sha',
    '$argon2',
    '$scrypt$',
    '$pbkdf2',
    '$balloon',
    '$yescrypt',
    '{ssha',
    '{sha',
    '{smd5',
    '{md5',
    '{crypt',
    '{pbkdf2',
    '{argon2',
    '{bcrypt',
    '{blf-',
    '{ntlm',
    '{cram',
    '{cleartext',
    '{plain',
    'pbkdf2_',
    'argon2$',
    'bcrypt$',
    'bcrypt_',
    'scrypt$',
    'sha1$',
    'md5$',
    'md5:',
    'crypt:',
    'obf:',
    'scram-sha',
    ':::',
  ],
  apply(line, out) {
    for (const re of HASHES) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null)
        out.secret(m.index, m.index + m[0].length, 'password-hash');
    }
  },
};

// SQL: CREATE USER x IDENTIFIED BY 'pw' / ALTER ROLE x WITH PASSWORD 'pw' (the quoted form is
// handled by the key/value rule; this covers IDENTIFIED BY with or without quotes).
const IDENTIFIED_BY =
  /\bIDENTIFIED[ \t]+(?:WITH[ \t]+[\w'"]+[ \t]+)?BY[ \t]+(?:PASSWORD[ \t]+)?("[^"]*"|'[^']*'|[^\s;,)]+)/gi;

const PROSE_WORD =
  /^(?:the|a|an|its|their|his|her|your|our|this|that|these|those|name|default|externally|globally|either|any|each)$/i;

export const sqlPasswordRule: Rule = {
  id: 'sql-password',
  triggers: ['identified'],
  apply(line, out) {
    IDENTIFIED_BY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = IDENTIFIED_BY.exec(line)) !== null) {
      const v = m[1]!;
      const quoted = v[0] === '"' || v[0] === "'";
      const start = m.index + m[0].length - v.length + (quoted ? 1 : 0);
      const end = m.index + m[0].length - (quoted ? 1 : 0);
      // `... as identified by the initial author` in licence prose is not a statement
      if (end > start && !/^(?:values|\?|:\w+)$/i.test(v) && !(!quoted && PROSE_WORD.test(v)))
        out.secret(start, end, 'password');
    }
  },
};
