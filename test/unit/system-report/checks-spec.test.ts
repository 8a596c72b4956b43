// How health checks are declared and how their targets are found in product configuration.
import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../../core/common/profile/schema.js';
import { findTargets, resolveExpression } from '../../../core/node/system-report/checks/tcp.js';
import { missingVarsReason } from '../../../core/node/system-report/format.js';

const STANDALONE_PG = `<datasource jndi-name="java:jboss/datasources/IglDS" pool-name="IglDS">
  <connection-url>jdbc:postgresql://\${env.IGL_DB_HOST:db.corp.example}:5433/igl</connection-url>
</datasource>
<datasource jndi-name="java:jboss/datasources/ExampleDS" pool-name="ExampleDS">
  <connection-url>jdbc:h2:mem:test;DB_CLOSE_DELAY=-1</connection-url>
</datasource>
<datasource jndi-name="java:jboss/datasources/AuditDS" pool-name="AuditDS">
  <connection-url>jdbc:oracle:thin:@//ora.corp.example:1521/AUDIT</connection-url>
</datasource>
<datasource jndi-name="java:jboss/datasources/ReportDS" pool-name="ReportDS">
  <connection-url>jdbc:postgresql://reports.corp.example/igl</connection-url>
</datasource>`;

const PATTERNS = [
  '<connection-url>\\s*jdbc:(?:postgresql|mysql|mariadb|sqlserver)://(?<host>\\$\\{[^}]+\\}|[^:/;<\\s]+)(?::(?<port>\\d+|\\$\\{[^}]+\\}))?',
  '<connection-url>\\s*jdbc:oracle:thin:@(?://)?(?<host>[^:/<\\s]+):(?<port>\\d+)',
];

describe('health check targets', () => {
  it('finds every datasource host and port in standalone.xml, with WildFly expressions resolved', () => {
    const { targets, withoutPort } = findTargets(STANDALONE_PG, PATTERNS, undefined, {});
    expect(targets.map((t) => `${t.host}:${t.port}`)).toEqual([
      'db.corp.example:5433',
      'ora.corp.example:1521',
    ]);
    expect(withoutPort).toHaveLength(1);
    const withDefault = findTargets(STANDALONE_PG, PATTERNS, 5432, { IGL_DB_HOST: 'pg-prod' });
    expect(withDefault.targets.map((t) => `${t.host}:${t.port}`)).toEqual([
      'pg-prod:5433',
      'reports.corp.example:5432',
      'ora.corp.example:1521',
    ]);
  });

  it('resolves ${env.X:default} from the environment and ${prop:default} to its default', () => {
    expect(resolveExpression('${env.DB:localhost}', { DB: 'db1' })).toBe('db1');
    expect(resolveExpression('${env.DB:localhost}', {})).toBe('localhost');
    expect(resolveExpression('${jboss.bind.address:127.0.0.1}', {})).toBe('127.0.0.1');
    expect(resolveExpression('${unknown}', {})).toBe('${unknown}');
  });

  it('names the profile variables that did not resolve', () => {
    expect(missingVarsReason(['IGL_HOME'])).toBe('variable ${IGL_HOME} not resolved');
    expect(missingVarsReason(['A', 'B'])).toBe('variables ${A}, ${B} not resolved');
  });

  it('rejects checks that are ambiguous or whose regex cannot find a host', () => {
    const base = { name: 'p', commands: [{ id: 'c', argv: ['true'] }] };
    const ok = profileSchema.safeParse({
      ...base,
      checks: [
        { id: 'db', tcp: { fromFile: '/x', pattern: PATTERNS, defaultPort: 5432 }, timeout: '3s' },
        { id: 'disk', diskFree: { path: '/var', minFreePercent: 10, minFreeBytes: '2GiB' } },
        { id: 'up', process: { argvContains: ['jboss-modules.jar'] } },
      ],
    });
    expect(ok.success).toBe(true);
    expect(ok.data?.checks[0]?.timeout).toBe(3000);
    expect(ok.data?.checks[1]?.diskFree?.minFreeBytes).toBe(2 * 1024 ** 3);
    const bad = (checks: unknown[]): string[] => {
      const r = profileSchema.safeParse({ ...base, checks });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(bad([{ id: 'a', tcp: { fromFile: '/x', pattern: 'jdbc:(?<hots>\\w+)' } }])).toContain(
      'the regular expression needs a named group (?<host>...)',
    );
    expect(bad([{ id: 'a', tcp: { fromFile: '/x', pattern: '(unclosed' } }]).join()).toMatch(
      /not a valid regular expression/,
    );
    expect(bad([{ id: 'a', tcp: { host: 'db' } }])).toContain(
      'give either host and port, or fromFile and pattern',
    );
    expect(
      bad([{ id: 'a', tcp: { host: 'db', port: 1 }, diskFree: { path: '/', minFreePercent: 5 } }]),
    ).toContain('a check needs exactly one of tcp, diskFree, process');
    expect(bad([{ id: 'a', diskFree: { path: '/' } }])).toContain(
      'give minFreePercent or minFreeBytes',
    );
    expect(
      bad([
        { id: 'a', process: { argvContains: ['x'] } },
        { id: 'a', process: { argvContains: ['y'] } },
      ]),
    ).toContain('duplicate check id "a"');
  });
});
