// Synthetic log text: Java application logs (log4j pattern, stack traces) and access logs, with the
// identifying values and the occasional secret real logs carry (IPs, host names, e-mails, bearer
// tokens, a password in a message now and then), so the redactor and pseudonymiser see a realistic
// mix: most lines clean, some with something to replace.
import type { Rng } from './prng.js';

const PKGS = ['service', 'web', 'db', 'cache', 'auth', 'batch', 'api', 'core', 'io', 'sched'];
const CLASSES = [
  'OrderService',
  'CustomerRepository',
  'InvoiceController',
  'SessionManager',
  'ConnectionPool',
  'ReportScheduler',
  'PaymentGateway',
  'IndexWriter',
  'MessageListener',
  'TokenValidator',
  'ImportJob',
  'RequestFilter',
  'AuditTrail',
  'SearchFacade',
  'CacheLoader',
];
const METHODS = [
  'handle',
  'process',
  'load',
  'save',
  'execute',
  'run',
  'doFilter',
  'invoke',
  'apply',
];
const EXCEPTIONS = [
  'java.lang.IllegalStateException: Connection is closed',
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  'java.net.SocketTimeoutException: Read timed out',
  'java.lang.NullPointerException: Cannot invoke "com.vendor.igl.core.Entity.getId()" because "entity" is null',
  'org.springframework.dao.DataIntegrityViolationException: could not execute statement',
  'java.io.IOException: Broken pipe',
];
const FRAMEWORK = [
  'org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)',
  'org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)',
  'org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1791)',
  'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)',
  'java.base/java.lang.Thread.run(Thread.java:840)',
  'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
  'org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:113)',
];
const USERS = [
  'alice',
  'bob',
  'carol',
  'dmitri',
  'erika',
  'farid',
  'svc-batch',
  'admin',
  'jmueller',
];
const DOMAINS = ['example.com', 'acme-corp.de', 'contoso.net', 'globex.io'];
const PATHS = ['/api/v1/orders', '/api/v1/customers', '/login', '/reports/daily', '/api/v2/search'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
  'curl/7.88.1',
  'Apache-HttpClient/4.5.14 (Java/17.0.9)',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
const p3 = (n: number) => (n < 10 ? '00' + n : n < 100 ? '0' + n : String(n));

export function ip(r: Rng): string {
  return r.chance(0.7)
    ? `10.${r.int(0, 40)}.${r.int(0, 255)}.${r.int(1, 254)}`
    : `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}
export function host(r: Rng): string {
  return `${r.pick(['app', 'db', 'mq', 'web', 'batch'])}-${p2(r.int(1, 24))}.${r.pick(['prod', 'stage'])}.${r.pick(DOMAINS)}`;
}
export function email(r: Rng): string {
  return `${r.pick(USERS)}.${r.chars(4)}@${r.pick(DOMAINS)}`;
}
export function jwt(r: Rng): string {
  return `eyJhbGciOiJIUzI1NiJ9.eyJ${r.chars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}.${r.chars(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;
}

/** Formats "yyyy-MM-dd HH:mm:ss" once per second, not once per line. */
class Clock {
  private sec = -1;
  private isoSec = '';
  private clfSec = '';

  constructor(public ms: number) {}

  private refresh(): void {
    const s = Math.floor(this.ms / 1000);
    if (s === this.sec) return;
    this.sec = s;
    const d = new Date(s * 1000);
    const Y = d.getUTCFullYear();
    const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    this.isoSec = `${Y}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${hms}`;
    this.clfSec = `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${Y}:${hms} +0000`;
  }

  iso(): string {
    this.refresh();
    return `${this.isoSec},${p3(Math.floor(this.ms) % 1000)}`;
  }

  clf(): string {
    this.refresh();
    return this.clfSec;
  }
}

function stackTrace(r: Rng): string {
  let s = r.pick(EXCEPTIONS) + '\n';
  const frames = r.int(8, 40);
  for (let i = 0; i < frames; i++) {
    s +=
      r.chance(0.35) && i > 3
        ? `\tat ${r.pick(FRAMEWORK)}\n`
        : `\tat com.vendor.igl.${r.pick(PKGS)}.${r.pick(CLASSES)}.${r.pick(METHODS)}(${r.pick(CLASSES)}.java:${r.int(20, 900)})\n`;
  }
  if (r.chance(0.4)) s += `Caused by: ${r.pick(EXCEPTIONS)}\n\t... ${r.int(5, 60)} more\n`;
  return s;
}

function message(r: Rng): string {
  const x = r.next();
  if (x < 0.3)
    return `Request ${r.pick(['GET', 'POST', 'PUT'])} ${r.pick(PATHS)}/${r.int(1, 99999)} from ${ip(r)} completed in ${r.int(1, 2500)} ms status=${r.pick([200, 200, 200, 201, 204, 404, 500])}`;
  if (x < 0.34) return `User ${email(r)} logged in from ${ip(r)} session=${r.hex(32)}`;
  if (x < 0.4)
    return `Connecting to jdbc:postgresql://${host(r)}:5432/igl as ${r.pick(USERS)} (pool ${r.int(1, 4)}, active ${r.int(0, 50)})`;
  if (x < 0.55)
    return `Processed order ${r.int(100000, 999999)} for customer ${r.int(1000, 99999)} total=${r.int(1, 9999)}.${p2(r.int(0, 99))} EUR in ${r.int(1, 400)} ms`;
  if (x < 0.65)
    return `Cache ${r.pick(CLASSES)} hit ratio ${r.int(40, 99)}% size=${r.int(100, 100000)} evictions=${r.int(0, 500)}`;
  if (x < 0.75)
    return `Scheduled job ${r.pick(['cleanup', 'reindex', 'export', 'sync-ldap', 'report'])} finished in ${r.int(10, 60000)} ms, ${r.int(0, 10000)} records`;
  if (x < 0.85)
    return `Slow query (${r.int(500, 9000)} ms): SELECT o.id, o.status FROM orders o WHERE o.customer_id = ${r.int(1, 99999)} AND o.created > ?`;
  if (x < 0.996)
    return `Heartbeat from node ${host(r)} lag=${r.int(0, 200)}ms queue=${r.int(0, 300)}`;
  // The rare secrets a support bundle must never carry.
  if (x < 0.998) return `Calling https://${host(r)}/api/token with Authorization: Bearer ${jwt(r)}`;
  if (x < 0.999)
    return `Login retry for ${r.pick(USERS)} with password=${r.chars(12, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!%')}`;
  return `Loaded key api_key=${r.chars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')} for partner ${r.pick(DOMAINS)}`;
}

export interface LogWriter {
  /** Appends entries to `out` until about `bytes` characters were produced; returns them. */
  chunk(bytes: number): string;
  /** Time of the last entry written (ms since 1970). */
  lastMs(): number;
}

/**
 * A log whose entries start at `startMs` and advance `stepMs` on average, so a file of known size
 * ends at a known time (the time-window seek bench asks for its last hour).
 */
export function javaLog(r: Rng, startMs: number, stepMs: number): LogWriter {
  const clock = new Clock(startMs);
  const threads = Array.from({ length: 24 }, (_, i) =>
    i < 16 ? `http-nio-8080-exec-${i + 1}` : `scheduler-${i - 15}`,
  );
  return {
    chunk(bytes) {
      const parts: string[] = [];
      let n = 0;
      while (n < bytes) {
        clock.ms += r.next() * 2 * stepMs;
        const x = r.next();
        const level = x < 0.03 ? 'ERROR' : x < 0.1 ? 'WARN' : x < 0.35 ? 'DEBUG' : 'INFO';
        let line = `${clock.iso()} ${level.padEnd(5)} [${r.pick(threads)}] c.v.igl.${r.pick(PKGS)}.${r.pick(CLASSES)} - ${message(r)}\n`;
        if (level === 'ERROR' || (level === 'WARN' && r.chance(0.3))) line += stackTrace(r);
        parts.push(line);
        n += line.length;
      }
      return parts.join('');
    },
    lastMs: () => clock.ms,
  };
}

export function accessLog(r: Rng, startMs: number, stepMs: number): LogWriter {
  const clock = new Clock(startMs);
  return {
    chunk(bytes) {
      const parts: string[] = [];
      let n = 0;
      while (n < bytes) {
        clock.ms += r.next() * 2 * stepMs;
        const user = r.chance(0.3) ? r.pick(USERS) : '-';
        const q = r.chance(0.01) ? `?access_token=${r.chars(40)}` : `?page=${r.int(1, 50)}`;
        const line = `${ip(r)} - ${user} [${clock.clf()}] "${r.pick(['GET', 'GET', 'POST'])} ${r.pick(PATHS)}/${r.int(1, 99999)}${q} HTTP/1.1" ${r.pick([200, 200, 200, 302, 404, 500])} ${r.int(200, 90000)} "-" "${r.pick(AGENTS)}" ${r.int(1, 3000)}\n`;
        parts.push(line);
        n += line.length;
      }
      return parts.join('');
    },
    lastMs: () => clock.ms,
  };
}

/** Average characters per entry, to choose a step that makes a file of `bytes` span `spanMs`. */
export const AVG_ENTRY = { java: 260, access: 230 } as const;
