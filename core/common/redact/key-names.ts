// Is this key name one whose value is a secret? The key is split into words (`keyStorePassword`,
// `AWS_SECRET_ACCESS_KEY`, `x-api-key`, `olcRootPW`) and only its LAST word decides, so
// `password_policy`, `pwd.min.length`, `token.ttl` and `db.pwd.file` are not secrets while
// `db.pwd`, `ldap.manager.credential` and `crypto.hmac.key` are.

export type KeyStrength = 'strong' | 'weak' | 'session' | 'cookie' | 'userpass';

export interface KeyClass {
  rule: string;
  strength: KeyStrength;
}

/** Trailing words that qualify a secret without changing what it is (`password_b64`, `tokenValue`). */
const QUALIFIERS = new Set([
  'value',
  'val',
  'b64',
  'base64',
  'enc',
  'encoded',
  'encrypted',
  'hex',
  'data',
  'plain',
  'plaintext',
]);

const PASS_NOT = new Set([
  'bypass',
  'compass',
  'encompass',
  'overpass',
  'underpass',
  'trespass',
  'surpass',
  'impass',
  'firstpass',
  'multipass',
  'askpass', // SSH_ASKPASS, GIT_ASKPASS, SUDO_ASKPASS: the program that asks, not a password
]);

const KEY_STRONG_QUALIFIERS = new Set([
  'api',
  'apis',
  'access',
  'secret',
  'private',
  'priv',
  'client',
  'hmac',
  'signing',
  'sign',
  'signature',
  'encryption',
  'encrypt',
  'decryption',
  'crypt',
  'crypto',
  'cipher',
  'master',
  'auth',
  'authentication',
  'shared',
  'account',
  'storage',
  'subscription',
  'license',
  'licence',
  'app',
  'application',
  'webhook',
  'integration',
  'routing',
  'deploy',
  'ssh',
  'gpg',
  'pgp',
  'aes',
  'rsa',
  'jwt',
  'session',
  'cookie',
  'csrf',
  'admin',
  'root',
  'primary',
  'secondary',
  'instrumentation',
  'ingestion',
  'write',
  'push',
  'server',
  'consumer',
  'sas',
  'otp',
  'totp',
  'mfa',
  'recovery',
  'unlock',
  'bot',
  'service',
  'sdk',
  'mobile',
  'management',
  'mgmt',
  'security',
  'seed',
  'wrapping',
  'kek',
  'dek',
  'data',
]);

const KEY_NOT_SECRET_QUALIFIERS = new Set([
  'public',
  'pub',
  'sort',
  'partition',
  'cache',
  'foreign',
  'primary_',
  'lookup',
  'hash',
  'map',
  'dict',
  'index',
  'group',
  'message',
  'idempotency',
  'dedup',
  'object',
  'bucket',
  'row',
  'column',
  'host',
  'ssh-host',
]);

const CONCAT_KEY_STRONG =
  /^(?:x?api|secret|private|priv|access|master|hmac|auth|license|licence|signing|encryption|shared|client|app|session|subscription|storage|account|webhook|deploy|service|server|consumer|push|jwt|crypto|cipher|aes|sec|pass)key$/;

const CONCAT_KEY_NOT = new Set([
  'monkey',
  'turkey',
  'donkey',
  'whiskey',
  'jockey',
  'hockey',
  'hotkey',
  'keykey',
  'passkey',
  'publickey',
  'pubkey',
  'hostkey',
  'sortkey',
  'partitionkey',
  'primarykey',
  'foreignkey',
  'cachekey',
  'hashkey',
  'idempotencykey',
  'rangekey',
]);

/** Split a key name into lower-case words: camelCase, snake_case, kebab-case, dots, slashes. */
export function splitKeyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Normalised form used for keep-lists and custom key names: lower case, letters and digits only. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isPasswordWord(w: string): boolean {
  if (
    w === 'password' ||
    w === 'passwords' ||
    w === 'passwd' ||
    w === 'passphrase' ||
    w === 'passcode' ||
    w === 'pwd' ||
    w === 'pw' ||
    w === 'pass' ||
    w === 'pword' ||
    w === 'passw' ||
    w === 'passin' || // openssl -passin / -passout pass:X
    w === 'passout' ||
    w === 'authtok' // sssd ldap_default_authtok, PAM's authentication token
  )
    return true;
  if (/(?:password|passwd|passphrase|passcode)s?$/.test(w)) return true;
  if (w.endsWith('pass') && w.length <= 14 && !PASS_NOT.has(w)) return true;
  if (w.endsWith('pwd') && w.length <= 10 && w !== 'oldpwd') return true;
  if (w.endsWith('pw') && w.length <= 8) return true;
  return false;
}

function passwordRule(words: string[]): string {
  const all = words.join(' ');
  if (/\b(?:key|trust)?store|storepass|keypass|keystore|truststore|pkcs12|p12|jks\b/.test(all))
    return 'keystore-password';
  if (/\b(?:ldap|bind|manager|bindpw|bindpassword)\b/.test(all)) return 'ldap-bind-password';
  if (/\b(?:smtp|mail|mailer|imap|pop3?|sasl)\b/.test(all)) return 'smtp-password';
  if (/\bsnmp|auth ?pass|priv ?pass/.test(all) && /phrase|snmp/.test(all)) return 'snmp-passphrase';
  return 'password';
}

/**
 * Classify a key name. `extraKeys` are custom secret keys (normalised), `keep` keys that must never
 * be redacted (normalised). Returns undefined when the value is not a secret.
 */
export function classifyKey(
  key: string,
  opts: { keep?: ReadonlySet<string>; extraKeys?: ReadonlyMap<string, string> } = {},
): KeyClass | undefined {
  const norm = normalizeKey(key);
  if (norm.length === 0) return undefined;
  if (opts.keep?.has(norm)) return undefined;
  const custom = opts.extraKeys?.get(norm);
  if (custom) return { rule: custom, strength: 'strong' };
  if (key === 'PWD' || key === 'OLDPWD') return undefined; // the shell's working directory
  const words = splitKeyWords(key);
  while (words.length > 1 && (QUALIFIERS.has(words.at(-1)!) || /^\d+$/.test(words.at(-1)!)))
    words.pop();
  const last = words.at(-1);
  if (!last) return undefined;
  const prev = words.at(-2);

  if (last === 'hash' && prev && isPasswordWord(prev))
    return { rule: 'password-hash', strength: 'strong' };
  // `existingSecret: name`, `externalPassword: ref`: the value names a secret held elsewhere.
  if (prev === 'existing' || prev === 'external') return undefined;
  // systemd `LoadCredential=id:path`, `ImportCredential=glob`: a credential's source, not its value
  if ((prev === 'load' || prev === 'import') && last.startsWith('credential')) return undefined;
  // Redis/Valkey `masterauth`, `primaryauth`: the replica's password for its master
  if (/^(?:master|primary|replica|upstream)auth$/.test(last))
    return { rule: 'password', strength: 'strong' };
  // WildFly/Elytron `clear-text="..."`: the key is the password itself
  if (words.join('') === 'cleartext') return { rule: 'password', strength: 'strong' };
  if (isPasswordWord(last)) return { rule: passwordRule(words), strength: 'strong' };
  if (/^(?:secret|secrets|credential|credentials|creds?|clientsecret)$/.test(last))
    return {
      rule: prev === 'client' || last === 'clientsecret' ? 'client-secret' : 'secret',
      strength: 'strong',
    };
  if (last.endsWith('secret') && last.length <= 20) return { rule: 'secret', strength: 'strong' };
  if (last === 'token' || last === 'tokens' || (last.endsWith('token') && last.length <= 20))
    return { rule: 'token', strength: 'strong' };
  if (last === 'community' || last === 'communities' || last.endsWith('community'))
    return { rule: 'snmp-community', strength: 'strong' };
  if (last === 'psk' || (last.endsWith('psk') && last.length <= 8))
    return { rule: 'psk', strength: 'strong' };
  if (
    last === 'pin' &&
    prev &&
    /^(?:key|store|keystore|truststore|sim|card|pkcs11|hsm|token|user|so|smartcard|admin)$/.test(
      prev,
    )
  )
    return { rule: 'keystore-password', strength: 'strong' };
  if (last === 'pin') return { rule: 'password', strength: 'strong' };
  if (last === 'key' || last === 'keys') {
    if (prev && KEY_NOT_SECRET_QUALIFIERS.has(prev)) return undefined;
    if (prev && KEY_STRONG_QUALIFIERS.has(prev))
      return {
        rule: prev === 'private' || prev === 'priv' ? 'private-key' : 'api-key',
        strength: 'strong',
      };
    return { rule: 'api-key', strength: 'weak' };
  }
  if (last.endsWith('key') && last.length > 3) {
    if (CONCAT_KEY_NOT.has(last)) return undefined;
    if (CONCAT_KEY_STRONG.test(last))
      return { rule: /^priv/.test(last) ? 'private-key' : 'api-key', strength: 'strong' };
    return { rule: 'api-key', strength: 'weak' };
  }
  if (/^(?:auth|authorization|authentication|authkey|authz)$/.test(last))
    return { rule: 'auth', strength: 'weak' };
  if (/^(?:sig|signature)$/.test(last)) return { rule: 'signature', strength: 'weak' };
  if (/^(?:sessionid|jsessionid|phpsessid|sessid|sid|sessionkey|sessiontoken)$/.test(last))
    return { rule: 'session-id', strength: 'session' };
  if (last === 'id' && prev === 'session') return { rule: 'session-id', strength: 'session' };
  if (last === 'session') return { rule: 'session-id', strength: 'session' };
  if (last === 'cookie' || last === 'cookies') return { rule: 'cookie', strength: 'cookie' };
  if (/^(?:user|proxyuser|userinfo|userpwd|userpass)$/.test(last))
    return {
      rule: last === 'userpwd' || last === 'userpass' ? 'password' : 'url-password',
      strength: 'userpass',
    };
  return undefined;
}
