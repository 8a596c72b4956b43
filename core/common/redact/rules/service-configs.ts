// Secrets in the syntax of particular servers, where no generic key/value form applies:
// HAProxy `stats auth user:pass`, Redis ACL users (`user app on >pass #sha256`) and Sentinel (`sentinel auth-pass MASTER pass`),
// JAAS PlainLoginModule/DigestLoginModule users (`user_alice="pass"`), Kerberos keys printed by
// `klist -K` (`(aes256-cts-hmac-sha1-96)  (0x...)`), HTTP headers and variables set by a web
// server (`proxy_set_header X-Api-Key k;`, `RequestHeader set X-Token "t"`, `SetEnv DB_PASS p`,
// `fastcgi_param DB_PASSWORD p;`) and OAuth authorization codes in URLs (`?code=...`).
import { isCredentialLike, isNonSecretValue, isRandomLike } from '../values.js';
import type { LineContext, Rule, SpanSink } from '../types.js';

function emit(out: SpanSink, line: string, start: number, end: number, rule: string): void {
  if (end > start && !isNonSecretValue(line.slice(start, end))) out.secret(start, end, rule);
}

// An ACL line names its user and then rules; `>pw` adds a password, `<pw` removes one (and so
// names it), `#hex` is its SHA-256. Key patterns (~), command rules (+@, -@) or on/off tell it
// from other `user` lines (HAProxy userlists, sudoers).
const REDIS_ACL = /^[ \t]*(?:user|(?:[\w.-]+>[ \t]*)?acl[ \t]+setuser)[ \t]+\S+[ \t]+(.*)$/i;
const REDIS_ACL_WORD =
  /^(?:on|off|nopass|resetpass|resetkeys|resetchannels|allkeys|allcommands|allchannels|nocommands|[~%&]\S*|[+-]@\S+)$/i;

const redisRule: Rule = {
  id: 'redis-acl',
  triggers: ['user', 'setuser', 'auth-pass', 'stats'],
  apply(line, out) {
    // HAProxy `stats auth user:password`
    const stats = /^[ \t]*stats[ \t]+auth[ \t]+[^:\s]+:(\S+)/.exec(line);
    if (stats) {
      const s = stats[0].length - stats[1]!.length;
      emit(out, line, s, s + stats[1]!.length, 'password');
      return;
    }
    const sentinel = /^[ \t]*sentinel[ \t]+auth-pass[ \t]+\S+[ \t]+(\S+)/.exec(line);
    if (sentinel) {
      const s = sentinel[0].length - sentinel[1]!.length;
      emit(out, line, s, s + sentinel[1]!.length, 'password');
      return;
    }
    const m = REDIS_ACL.exec(line);
    if (!m) return;
    const words = m[1]!.split(/[ \t]+/).filter((w) => w.length > 0);
    if (!words.some((w) => REDIS_ACL_WORD.test(w))) return;
    let at = line.length - m[1]!.length;
    for (const w of words) {
      const s = line.indexOf(w, at);
      at = s + w.length;
      if ((w[0] === '>' || w[0] === '<') && w.length > 1) emit(out, line, s + 1, at, 'password');
      else if (/^#[0-9a-fA-F]{64}$/.test(w)) out.secret(s + 1, at, 'password-hash');
    }
  },
};

// `user_NAME="password"` defines a user in a JAAS login module section; only on a line of its
// own or on a line naming the module, so `user_name="bob"` elsewhere stays.
const JAAS_USER = /(?:^|[ \t])user_([\w.-]+)[ \t]*=[ \t]*"([^"]*)"/g;
const JAAS_NOT_USERS =
  /^(?:name|id|ids|email|mail|group|groups|role|roles|home|dir|agent|type|count|limit|login|domain|principal|dn|prefix|suffix)$/i;

const jaasRule: Rule = {
  id: 'jaas-user',
  triggers: ['user_'],
  apply(line, out) {
    const own = /^[ \t]*user_[\w.-]+[ \t]*=[ \t]*"[^"]*"[ \t]*;?[ \t\r]*$/.test(line);
    if (!own && !/LoginModule/.test(line)) return;
    JAAS_USER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = JAAS_USER.exec(line)) !== null) {
      if (JAAS_NOT_USERS.test(m[1]!)) continue;
      const end = m.index + m[0].length - 1;
      emit(out, line, end - m[2]!.length, end, 'password');
    }
  },
};

// `klist -kK` / `klist -keK`: each key's bytes in hex after its encryption type.
const KLIST_KEY =
  /\((?:aes|des|des3|arcfour|rc4|camellia)[\w-]*\)[ \t]+\(0x([0-9a-fA-F]{16,256})\)/gi;

const klistRule: Rule = {
  id: 'klist-key',
  triggers: ['(0x'],
  apply(line, out) {
    KLIST_KEY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = KLIST_KEY.exec(line)) !== null) {
      const end = m.index + m[0].length - 1;
      out.secret(end - m[1]!.length, end, 'secret');
    }
  },
};

// Web server directives that set a header or a variable to a literal: the name says whether the
// value is secret (Authorization itself is the authorization rule's).
const DIRECTIVE =
  /(?:^|[ \t;{])(?:proxy_set_header|grpc_set_header|add_header|fastcgi_param|uwsgi_param|scgi_param|SetEnv|(?:Request)?Header[ \t]+(?:always[ \t]+)?(?:set|append|add|merge))[ \t]+(["']?)([\w.-]+)\1[ \t]+(?:"([^"]*)"|'([^']*)'|([^;\s]+))/gi;

const headerDirectiveRule: Rule = {
  id: 'header-directive',
  triggers: ['_header', '_param', 'setenv', 'header'],
  apply(line, out, ctx: LineContext) {
    DIRECTIVE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DIRECTIVE.exec(line)) !== null) {
      const name = m[2]!;
      if (/^(?:proxy-)?authori[sz]ation$/i.test(name)) continue;
      const cls = ctx.classifyKey(name);
      const value = m[3] ?? m[4] ?? m[5]!;
      if (!cls || (cls.strength !== 'strong' && !isRandomLike(value))) continue;
      if (cls.strength === 'session' || cls.strength === 'cookie' || cls.strength === 'userpass')
        continue;
      const end = m.index + m[0].length - (m[5] === undefined ? 1 : 0);
      emit(out, line, end - value.length, end, cls.rule);
    }
  },
};

// OAuth 2 authorization codes (RFC 6749 4.1.2) in a redirect URL: short-lived but a credential.
const CODE_PARAM = /[?&](?:code|auth_code|authorization_code|device_code)=([^&\s"'#<>]{16,2048})/g;

const oauthCodeRule: Rule = {
  id: 'oauth-code',
  triggers: ['code='],
  apply(line, out) {
    CODE_PARAM.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CODE_PARAM.exec(line)) !== null) {
      const v = m[1]!;
      if (!isRandomLike(v) && !isCredentialLike(v)) continue;
      if (/^[\d.:-]+$/.test(v)) continue;
      const end = m.index + m[0].length;
      out.secret(end - v.length, end, 'token');
    }
  },
};

export const serviceConfigRules: Rule[] = [
  redisRule,
  jaasRule,
  klistRule,
  headerDirectiveRule,
  oauthCodeRule,
];
