// Synthetic configuration files (.properties, .xml, .yaml, .conf, .json) as an application server's
// config folder looks: mostly settings, host names and ports, and in about a third of the files a
// secret (a password, a token, a private key) that redaction must remove.
import { email, host, ip, jwt } from './gen-log.js';
import type { Rng } from './prng.js';

const KEYS = [
  'server.port',
  'server.compression.enabled',
  'spring.jpa.hibernate.ddl-auto',
  'logging.level.root',
  'igl.cache.size',
  'igl.import.batch-size',
  'igl.scheduler.threads',
  'management.endpoints.web.exposure.include',
  'igl.mail.from',
  'igl.feature.new-search',
  'igl.session.timeout',
  'igl.upload.max-size',
];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function value(r: Rng, key: string): string {
  if (key.endsWith('port')) return String(r.int(1024, 65000));
  if (key.endsWith('enabled') || key.startsWith('igl.feature')) return r.pick(['true', 'false']);
  if (key.endsWith('from')) return email(r);
  if (key.endsWith('level.root')) return r.pick(['INFO', 'WARN', 'DEBUG']);
  if (key.endsWith('timeout')) return `${r.int(1, 120)}m`;
  return String(r.int(1, 5000));
}

function secret(r: Rng): [string, string] {
  const x = r.next();
  if (x < 0.35) return ['spring.datasource.password', r.chars(16, ALNUM + '!$%&')];
  if (x < 0.55) return ['igl.api.token', jwt(r)];
  if (x < 0.7) return ['aws.secret_access_key', r.chars(40, ALNUM + '/+')];
  if (x < 0.85) return ['ldap.bind.credentials', r.chars(14, ALNUM)];
  return ['client_secret', r.hex(40)];
}

const PEM = (r: Rng) =>
  '-----BEGIN PRIVATE KEY-----\n' +
  Array.from({ length: 25 }, () => r.chars(64, ALNUM + '+/')).join('\n') +
  '\n-----END PRIVATE KEY-----\n';

export const CONFIG_EXTS = ['properties', 'xml', 'yaml', 'conf', 'json'] as const;
export type ConfigExt = (typeof CONFIG_EXTS)[number];

/** A config file of about `bytes` characters in the syntax of `ext`. */
export function configText(r: Rng, ext: ConfigExt, bytes: number): string {
  const pairs: Array<[string, string]> = [];
  pairs.push(['spring.datasource.url', `jdbc:postgresql://${host(r)}:5432/igl`]);
  pairs.push(['spring.datasource.username', r.pick(['igl', 'igl_app', 'svc_igl'])]);
  pairs.push(['igl.cluster.peers', `${ip(r)},${ip(r)},${host(r)}`]);
  const withSecret = r.chance(0.35);
  let n = 200;
  while (n < bytes) {
    const k = `${r.pick(KEYS)}${r.chance(0.5) ? '.' + r.chars(5) : ''}`;
    const kv: [string, string] = [k, value(r, k)];
    pairs.push(kv);
    n += k.length + kv[1].length + 12;
    if (withSecret && r.chance(0.03)) pairs.push(secret(r));
  }
  if (withSecret) pairs.splice(r.int(0, pairs.length), 0, secret(r));
  const comment = (c: string) => `${c} Generated for the casepack benchmark; edit with care\n`;
  switch (ext) {
    case 'properties':
      return comment('#') + pairs.map(([k, v]) => `${k}=${v}\n`).join('');
    case 'conf':
      return (
        comment('#') +
        pairs.map(([k, v]) => `${k.replace(/\./g, '_')} = "${v}"\n`).join('') +
        (withSecret && r.chance(0.1) ? PEM(r) : '')
      );
    case 'yaml':
      return comment('#') + pairs.map(([k, v]) => `${k}: "${v}"\n`).join('');
    case 'json':
      return (
        '{\n' +
        pairs.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') +
        '\n}\n'
      );
    case 'xml':
      return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n' +
        pairs
          .map(
            ([k, v]) =>
              `  <property name="${k}" value="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>\n`,
          )
          .join('') +
        '</configuration>\n'
      );
  }
}
