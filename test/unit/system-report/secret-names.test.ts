import { describe, expect, it } from 'vitest';
import {
  isSecretName,
  MASK,
  maskArgv,
  maskEnvValue,
  maskUrlCredentials,
} from '../../../core/common/system-report/secret-names.js';

describe('secret-looking names in the environment and on command lines', () => {
  it('recognises the usual secret names, glued or split, and leaves ordinary ones alone', () => {
    for (const n of [
      'DB_PASSWORD',
      'PGPASSWORD',
      'MYSQL_PWD',
      'AWS_SECRET_ACCESS_KEY',
      'GITHUB_TOKEN',
      'apiKey',
      'SSH_PRIVATE_KEY',
      'KEYCLOAK_CLIENT_SECRET',
      'SESSION_COOKIE',
      'JDBC_CREDENTIALS',
      'javax.net.ssl.keyStorePassword',
      // the redactor's classifier catches these, the word rules alone did not
      'SMARTCARD_PIN',
      'SNMP_COMMUNITY',
      'WG_PSK',
      // and the word rules catch these although their last word is harmless
      'SECRET_KEY_BASE',
      'SENTRY_DSN',
      'USERPASS',
    ])
      expect(isSecretName(n), n).toBe(true);
    for (const n of [
      'PATH',
      'HOME',
      'JAVA_HOME',
      'PWD',
      'OLDPWD',
      'LANG',
      'KEYBOARD_LAYOUT',
      'TZ',
      'SSH_AUTH_SOCK',
      'jboss.home.dir',
      'USER',
      'PROXYUSER',
    ])
      expect(isSecretName(n), n).toBe(false);
  });

  it('masks values of secret names and passwords inside URLs of any variable', () => {
    expect(maskEnvValue('DB_PASSWORD', 'hunter2')).toBe(MASK);
    expect(maskEnvValue('PATH', '/usr/bin:/bin')).toBe('/usr/bin:/bin');
    expect(maskEnvValue('HTTPS_PROXY', 'http://alice:s3cret@proxy.example:3128')).toBe(
      `http://alice:${MASK}@proxy.example:3128`,
    );
    expect(maskUrlCredentials('jdbc:postgresql://db:5432/igl')).toBe(
      'jdbc:postgresql://db:5432/igl',
    );
  });

  it('masks secret options on a command line in every usual form', () => {
    const argv = [
      'java',
      '-Xmx2g',
      '-Djavax.net.ssl.trustStorePassword=changeit',
      '-Djboss.home.dir=/opt/igl',
      '--password',
      'hunter2',
      '--db-token=abc123',
      '--env',
      '{"DB_PASSWORD":"x9","REGION":"eu"}',
      'https://bob:pw@example.org/x?api_key=k1&page=2',
    ];
    const out = maskArgv(argv).join(' ');
    for (const secret of ['changeit', 'hunter2', 'abc123', 'x9', ':pw@', 'k1'])
      expect(out).not.toContain(secret);
    expect(out).toContain('-Djboss.home.dir=/opt/igl');
    expect(out).toContain('"REGION":"eu"');
    expect(out).toContain('page=2');
    expect(out).toContain('-Xmx2g');
  });
});
