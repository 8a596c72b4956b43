// Seeded synthetic diagnostics text for measuring the redactor: timestamped Java logs with stack
// traces (most of the bytes), access logs and small configs, with a few planted secrets. Shared by
// scripts/bench/redactor.ts; the `npm run bench` tree generator can reuse it.

export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1103515245) + 12345) >>> 0;
    return this.s / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
}

const CLASSES = [
  'com.acme.ledger.service.PostingService',
  'org.springframework.web.servlet.DispatcherServlet',
  'org.hibernate.engine.jdbc.spi.SqlExceptionHelper',
  'com.zaxxer.hikari.pool.HikariPool',
  'org.apache.catalina.core.StandardWrapperValve',
  'com.acme.portal.security.TokenAuthenticationFilter',
  'org.apache.kafka.clients.consumer.KafkaConsumer',
  'io.netty.channel.nio.NioEventLoop',
  'com.acme.portal.session.SessionRegistry',
  'org.springframework.security.authentication.ProviderManager',
];
const MESSAGES = [
  'Processed batch of 250 entries in 34 ms',
  'Connection is not available, request timed out after 30000ms.',
  'Completed initialization in 3 ms',
  'Fetching session key for partition ledger-3',
  'User admin logged in from 10.1.2.3',
  'Cache hit ratio 0.97 (keys=1834, evictions=12)',
  'Request GET /api/v1/items?page=3&size=50 completed with status 200 in 12ms',
  'Validating token signature for client acme-portal',
  'Key store loaded from /etc/acme/keystore.p12',
  'Unable to acquire JDBC Connection; nested exception is java.sql.SQLTransientConnectionException',
  'Session 84fcd6e9 expired after 1800 s',
  'Committed offset 12345678 for partition orders-2',
  'Password policy lab-default applied (min=10)',
  'Authentication succeeded for principal svc-ledger',
  'HikariPool-1 - Start completed.',
];
const STACK = [
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)',
  '\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:159)',
  '\tat com.acme.portal.security.TokenAuthenticationFilter.doFilterInternal(TokenAuthenticationFilter.java:88)',
  '\tat org.springframework.security.web.FilterChainProxy$VirtualFilterChain.doFilter(FilterChainProxy.java:336)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:193)',
  '\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)',
  '\tat java.base/java.lang.Thread.run(Thread.java:833)',
  'Caused by: java.net.SocketTimeoutException: Read timed out',
  '\t... 42 common frames omitted',
];
const LEVELS = ['INFO', 'INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];

/** About `bytes` of a timestamped Java application log. */
export function javaLog(rng: Rng, bytes: number): string {
  const out: string[] = [];
  let n = 0;
  let t = Date.UTC(2025, 2, 1);
  while (n < bytes) {
    t += rng.int(2000);
    const ts = new Date(t).toISOString().replace('T', ' ').slice(0, 23);
    const lv = rng.pick(LEVELS);
    let line = `${ts} ${lv.padEnd(5)} ${1000 + rng.int(9000)} --- [http-nio-8080-exec-${rng.int(10)}] ${rng.pick(CLASSES)} : ${rng.pick(MESSAGES)}`;
    if (rng.int(20000) === 0) line += ` db.password=Planted${rng.int(1e6)}Secret!`;
    out.push(line);
    n += line.length + 1;
    if (lv === 'ERROR')
      for (const s of STACK) {
        out.push(s);
        n += s.length + 1;
      }
  }
  return out.join('\n') + '\n';
}

/** A small .properties / YAML config with a couple of secrets among ordinary settings. */
export function config(rng: Rng): string {
  const lines = [
    '# generated',
    `server.port=${8000 + rng.int(1000)}`,
    'spring.datasource.url=jdbc:postgresql://db01.example.internal:5432/ledger',
    'spring.datasource.username=ledger',
    `spring.datasource.password=Pw${rng.int(1e9)}x!`,
    'spring.jpa.hibernate.ddl-auto=validate',
    'management.endpoints.web.exposure.include=health,info',
    `app.feature.flags=export,kiosk,batch-${rng.int(9)}`,
    'logging.level.root=INFO',
    `cache:\n  ttl: ${rng.int(600)}s\n  size: ${rng.int(10000)}`,
  ];
  return lines.join('\n') + '\n';
}

export function accessLog(rng: Rng, bytes: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < bytes) {
    const line = `192.168.${rng.int(255)}.${rng.int(255)} - - [04/Dec/2025:16:${String(rng.int(60)).padStart(2, '0')}:49 +0000] "GET /ledger/api/items/${rng.int(9999)} HTTP/1.1" ${rng.pick([200, 200, 302, 404])} ${rng.int(9000)} ${rng.int(900)}`;
    out.push(line);
    n += line.length + 1;
  }
  return out.join('\n') + '\n';
}
