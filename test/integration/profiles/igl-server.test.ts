// `casepack collect --profile igl-server` end to end, against the fixture product home (WildFly is
// not packaged in Debian), a real JVM (Debian's OpenJDK 17) whose command line looks like the
// server's, and a real TCP listener for its database. What a WildFly support engineer opens first:
// server.log around the incident, standalone.xml, the JVM's flags, a thread dump, the DB check.
import { statfsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import type { Manifest, ManifestItem } from '../../../core/common/manifest/schema.js';
import { entry, manifestOf } from '../../support/bundle-read.js';
import { runCliJson } from '../../support/cli.js';
import {
  buildStandInJar,
  closedPort,
  iglHome,
  startListener,
  startStandIn,
  type StandInServer,
} from '../../support/igl-server.js';
import { tempDir } from '../../support/tmp.js';

const WINDOW = ['--since', '2026-11-26T18:00', '--until', '2026-11-27T12:00'];
const SECRET_JVM_ARG = 'Pl4nted-JvmArg-4d81e0';

function item(m: Manifest, source: string): ManifestItem {
  const i = m.items.find((x) => x.source === source);
  if (!i)
    throw new Error(
      `no manifest item for ${source}; have ${m.items.map((x) => x.source).join(', ')}`,
    );
  return i;
}

function text(bundle: string, m: Manifest, source: string): string {
  const i = item(m, source);
  expect(i.path, `${source}: ${i.status} ${i.reason ?? ''}`).toBeDefined();
  return entry(bundle, i.path!).toString('utf8');
}

describe('casepack collect --profile igl-server', () => {
  let dir: string;
  let jar: string;
  let db: Awaited<ReturnType<typeof startListener>>;
  let auditPort: number;
  let server: StandInServer;
  let bundle: string;
  let m: Manifest;

  const env = (): NodeJS.ProcessEnv => ({
    IGL_HOME: iglHome,
    // No settings file of the person running the tests.
    CASEPACK_CONFIG: '',
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
  });

  beforeAll(async () => {
    dir = await tempDir();
    jar = await buildStandInJar(dir);
    db = await startListener();
    auditPort = await closedPort();
    // The DB ports reach standalone.xml as ${env.IGL_DB_PORT:5432}: set for the server only.
    server = await startStandIn(jar, {
      javaOpts: [`-Djavax.net.ssl.keyStorePassword=${SECRET_JVM_ARG}`],
      env: { IGL_DB_PORT: String(db.port), IGL_AUDIT_DB_PORT: String(auditPort) },
    });
    const r = await runCliJson<CollectResult>(
      ['collect', '--profile', 'igl-server', ...WINDOW, '--out', dir, '--yes'],
      { env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    bundle = r.json.bundle;
    m = manifestOf(bundle);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it('writes a bundle that casepack verify accepts, the planted secrets redacted', async () => {
    const v = await runCliJson<{ ok: boolean; problems: Array<{ entry?: string; code: string }> }>([
      'verify',
      bundle,
    ]);
    // Every checksum, size and CRC matches, and the leak check finds nothing left.
    expect(v.json.problems).toEqual([]);
    expect(v.code).toBe(0);
    expect(m.profiles.map((p) => p.name)).toEqual(['igl-server']);
    // The fixture plants secrets in standalone.xml and the product configuration.
    expect(Object.keys(m.redaction?.counts ?? {}).length).toBeGreaterThan(0);
  });

  it('keeps server.log lines within the window, stack traces whole, and skips old rotations', () => {
    const log = text(bundle, m, path.join(iglHome, 'standalone/log/server.log'));
    expect(log).toContain(
      '2026-11-27 08:01:15,902 INFO  [org.jboss.as] (Controller Boot Thread) WFLYSRV0025',
    );
    // The connection failure at 10:42 with its whole stack trace and causes.
    expect(log).toContain(
      '2026-11-27 10:42:17,093 ERROR [org.jboss.jca.core.connectionmanager.pool.strategy.OnePool]',
    );
    expect(log).toContain(
      'Caused by: org.postgresql.util.PSQLException: Connection to 127.0.0.1:5433 refused.',
    );
    expect(log).toContain('\t... 62 more\n');
    expect(log).toContain('2026-11-27 11:59:59,999');
    // `until` is exclusive, and later lines are out.
    expect(log).not.toContain('2026-11-27 12:00:00,000');
    expect(log).not.toContain('13:15:08,727');
    const yesterday = text(bundle, m, path.join(iglHome, 'standalone/log/server.log.2026-11-26'));
    expect(yesterday).toContain(
      '2026-11-26 21:58:02,391 ERROR [com.example.igl.ldap.LdapConnector]',
    );
    expect(yesterday).toContain('Caused by: java.net.SocketTimeoutException: Read timed out');
    expect(yesterday).not.toContain('2026-11-26 16:40:51');
    const old = item(m, path.join(iglHome, 'standalone/log/server.log.2026-11-20'));
    expect(old.status).toBe('skipped');
    expect(old.path).toBeUndefined();
    expect(text(bundle, m, path.join(iglHome, 'standalone/log/igl/igl-app.log'))).toContain(
      'IGL-DB-0012',
    );
  });

  it('collects standalone.xml, the product configuration and the failed deployment marker', () => {
    const xml = text(bundle, m, path.join(iglHome, 'standalone/configuration/standalone.xml'));
    expect(xml).toContain('<datasource jndi-name="java:jboss/datasources/IglDS"');
    expect(xml).toContain(
      'jdbc:postgresql://${env.IGL_DB_HOST:127.0.0.1}:${env.IGL_DB_PORT:5432}/igl',
    );
    expect(text(bundle, m, path.join(iglHome, 'bin/standalone.conf'))).toContain('-XX:+UseG1GC');
    expect(
      text(bundle, m, path.join(iglHome, 'standalone/configuration/igl/igl.properties')),
    ).toContain('igl.instance.name=IGL-PROD-01');
    expect(
      text(bundle, m, path.join(iglHome, 'standalone/deployments/igl-reports.war.failed')),
    ).toContain('ClassNotFoundException: com.example.igl.reports.PdfRenderer');
  });

  it('never collects WildFly user files or keystores', () => {
    const forbidden = ['mgmt-users.properties', 'application-users.properties', 'igl/keystore.jks'];
    for (const f of forbidden) {
      const source = path.join(iglHome, 'standalone/configuration', f);
      const i = m.items.find((x) => x.source === source);
      if (i) {
        expect(i.path, source).toBeUndefined();
        expect(i.reason ?? '', source).toMatch(/forbid/i);
      }
    }
    const all = m.items.filter((i) => i.path).map((i) => entry(bundle, i.path!).toString('latin1'));
    for (const planted of ['Pl4nted-MgmtHash', 'Pl4nted-AppHash', 'Pl4nted-Keystore'])
      expect(
        all.some((t) => t.includes(planted)),
        planted,
      ).toBe(false);
  });

  it("reports the product version and the running server JVM's version, flags and command line", () => {
    const product = JSON.parse(entry(bundle, 'system/product.json').toString('utf8')) as {
      products: Array<{ name: string; version: string }>;
    };
    expect(product.products).toEqual([
      expect.objectContaining({ name: 'IGL Server', version: '7.4.2' }),
    ]);
    expect(text(bundle, m, 'igl-java-version')).toMatch(/openjdk version "17\./);
    expect(text(bundle, m, 'igl-jvm-version')).toContain(`${server.pid}:`);
    const flags = text(bundle, m, 'igl-jvm-flags');
    expect(flags).toContain('-XX:+UseSerialGC');
    expect(flags).toContain('-XX:MaxHeapSize=134217728');
    const cmdline = text(bundle, m, 'igl-jvm-command-line');
    expect(cmdline).toContain('jboss-modules.jar');
    expect(cmdline).toContain('org.jboss.as.standalone');
    expect(text(bundle, m, 'igl-process')).toMatch(new RegExp(`^\\s*${server.pid}\\s`, 'm'));
    expect(text(bundle, m, 'igl-process-limits')).toMatch(/NOFILE/);
  });

  it('takes a real thread dump of the server, showing the blocked request thread', () => {
    const dump = text(bundle, m, 'igl-thread-dump');
    expect(item(m, 'igl-thread-dump').status).toBe('collected');
    expect(dump).toContain('"default task-23"');
    expect(dump).toContain('java.lang.Thread.State: BLOCKED (on object monitor)');
    expect(dump).toMatch(/- waiting to lock <0x[0-9a-f]+> \(a java\.lang\.Object\)/);
    expect(dump).toContain('"EE-ManagedExecutorService-default-Thread-6"');
  });

  it("checks the datasources' database ports, read from standalone.xml with the server's environment", () => {
    const checks = JSON.parse(entry(bundle, 'system/checks.json').toString('utf8')) as {
      checks: Array<{
        id: string;
        status: string;
        message: string;
        details?: Record<string, unknown>;
      }>;
    };
    const dbCheck = checks.checks.find((c) => c.id === 'igl-database');
    expect(dbCheck?.details?.expressionsResolvedFrom).toBe(
      `the environment of process ${server.pid}`,
    );
    const targets = dbCheck?.details?.targets as Array<{ host: string; port: number; ok: boolean }>;
    expect(targets.map((t) => [t.host, t.port, t.ok])).toEqual([
      ['127.0.0.1', db.port, true],
      ['127.0.0.1', auditPort, false],
    ]);
    expect(dbCheck?.status).toBe('fail');
    expect(dbCheck?.message).toContain(
      `connection refused: nothing listens on 127.0.0.1:${auditPort}`,
    );
    expect(item(m, 'check:igl-database').reason).toMatch(/^fail: connection refused/);
    expect(item(m, 'check:igl-database')).toMatchObject({
      type: 'check',
      status: 'collected',
      result: 'fail',
    });
    expect(checks.checks.find((c) => c.id === 'igl-server-running')).toMatchObject({
      status: 'pass',
      message: `running: PID ${server.pid}`,
    });
    // The disk check's verdict is the one statfs gives for the log folder.
    const st = statfsSync(path.join(iglHome, 'standalone/log'));
    const free = st.bavail * st.bsize;
    const enough = (free / (st.blocks * st.bsize)) * 100 >= 10 && free >= 1024 ** 3;
    expect(checks.checks.find((c) => c.id === 'igl-log-disk')?.status).toBe(
      enough ? 'pass' : 'fail',
    );
  });

  it('masks the secret JVM option in the system report and shows the checks in report.html', () => {
    for (const i of m.items.filter((x) => x.type === 'system' && x.path))
      expect(entry(bundle, i.path!).toString('utf8'), i.path).not.toContain(SECRET_JVM_ARG);
    const html = entry(bundle, 'report.html').toString('utf8');
    expect(html).toContain('Health checks');
    expect(html).toContain('igl-database');
    expect(html).toContain('IGL Server 7.4.2');
  });
});

describe('igl-server when the JVM refuses jcmd', () => {
  it('says so in the thread dump item instead of failing the collection', async () => {
    const dir = await tempDir();
    const jar = await buildStandInJar(dir);
    const server = await startStandIn(jar, { javaOpts: ['-XX:+DisableAttachMechanism'] });
    try {
      const r = await runCliJson<CollectResult>(
        [
          'collect',
          '--profile',
          'igl-server',
          ...WINDOW,
          '--out',
          dir,
          '--yes',
          '--no-system-report',
        ],
        {
          env: {
            IGL_HOME: iglHome,
            CASEPACK_CONFIG: '',
            XDG_CONFIG_HOME: dir,
          },
        },
      );
      expect(r.code, r.stderr).toBe(0);
      const mf = manifestOf(r.json.bundle);
      const dump = item(mf, 'igl-thread-dump');
      expect(dump.reason ?? '').toMatch(/exit(ed)? with code [1-9]/);
      expect(text(r.json.bundle, mf, 'igl-thread-dump')).toMatch(/attach/i);
      // What does not need jcmd is still there.
      expect(text(r.json.bundle, mf, 'igl-process')).toContain(String(server.pid));
    } finally {
      await server.stop();
    }
  });
});
