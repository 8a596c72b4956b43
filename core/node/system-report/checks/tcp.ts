// TCP reachability: can this host open a connection to host:port within the timeout? The targets
// are given, or read from a product's configuration (e.g. the datasource connection-url in
// WildFly's standalone.xml) by a regex with named groups `host` and `port`.
import net from 'node:net';
import { formatTimeout } from '../format.js';
import { readSmall } from '../proc.js';
import type { CheckOutcome } from './types.js';

export interface TcpTarget {
  host: string;
  port: number;
  /** Where the target came from (the matched text), when read from a file. */
  from?: string;
}

export interface TcpProbe extends TcpTarget {
  ok: boolean;
  ms: number;
  error?: string;
}

function explain(code: string | undefined, host: string, port: number, timeoutMs: number): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused: nothing listens on ${host}:${port}, or a firewall rejects it`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host name ${host} does not resolve (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${host} (${code})`;
    case 'ETIMEDOUT':
    case 'timeout':
      return `no answer from ${host}:${port} within ${formatTimeout(timeoutMs)} (a firewall dropping packets, or the host is down)`;
    default:
      return `cannot connect to ${host}:${port} (${code ?? 'unknown error'})`;
  }
}

/** Open and close one TCP connection; never takes longer than `timeoutMs`. */
export function probeTcp(
  target: TcpTarget,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TcpProbe> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host: target.host, port: target.port });
    const done = (ok: boolean, code?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      const ms = Math.round(performance.now() - t0);
      resolve({
        ...target,
        ok,
        ms,
        ...(ok ? {} : { error: explain(code, target.host, target.port, timeoutMs) }),
      });
    };
    // Our own timer: it also covers a name lookup that does not return.
    const timer = setTimeout(() => done(false, 'timeout'), timeoutMs);
    const onAbort = (): void => done(false, 'cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done(true));
    socket.once('error', (e: NodeJS.ErrnoException) => done(false, e.code));
  });
}

/**
 * WildFly expressions in configuration values: `${env.DB_HOST:dbhost}` takes the environment
 * variable (of casepack, which is usually the server's too) or the default; `${prop:default}`
 * takes the default, since the server's system properties are not known here.
 */
export function resolveExpression(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(
    /\$\{([^}:]+)(?::([^}]*))?\}/g,
    (all, name: string, def: string | undefined) => {
      if (name.startsWith('env.')) return env[name.slice(4)] ?? def ?? all;
      return def ?? all;
    },
  );
}

/** Distinct host:port targets found in a text by the patterns. */
export function findTargets(
  text: string,
  patterns: string[],
  defaultPort: number | undefined,
  env: NodeJS.ProcessEnv,
): { targets: TcpTarget[]; withoutPort: string[] } {
  const seen = new Map<string, TcpTarget>();
  const withoutPort: string[] = [];
  for (const p of patterns) {
    for (const m of text.matchAll(new RegExp(p, 'g'))) {
      const host = resolveExpression(m.groups?.host ?? '', env).trim();
      const portText = m.groups?.port ? resolveExpression(m.groups.port, env).trim() : undefined;
      const port = portText ? Number(portText) : defaultPort;
      if (!host) continue;
      if (!port || !Number.isInteger(port) || port < 1 || port > 65535) {
        withoutPort.push(m[0]);
        continue;
      }
      const key = `${host}:${port}`;
      if (!seen.has(key)) seen.set(key, { host, port, from: m[0].slice(0, 300) });
    }
  }
  return { targets: [...seen.values()], withoutPort };
}

export async function tcpCheck(
  spec: {
    host?: string;
    port?: number;
    fromFile?: string;
    pattern?: string | string[];
    defaultPort?: number;
  },
  timeoutMs: number,
  expr: { env: NodeJS.ProcessEnv; from: string },
  signal?: AbortSignal,
): Promise<CheckOutcome> {
  let targets: TcpTarget[];
  const details: Record<string, unknown> = {};
  const env = expr.env;
  if (spec.fromFile) {
    const text = await readSmall(spec.fromFile, 8 * 1024 * 1024);
    if (text === undefined)
      return {
        status: 'skipped',
        message: `cannot read ${spec.fromFile}: no host and port to check`,
        details: { file: spec.fromFile },
      };
    const patterns = Array.isArray(spec.pattern) ? spec.pattern : [spec.pattern ?? ''];
    const found = findTargets(text, patterns, spec.defaultPort, env);
    targets = found.targets;
    details.file = spec.fromFile;
    if (/\$\{env\./.test(text)) details.expressionsResolvedFrom = expr.from;
    if (found.withoutPort.length) details.matchesWithoutPort = found.withoutPort.length;
    if (targets.length === 0)
      return { status: 'error', message: `no host and port found in ${spec.fromFile}`, details };
  } else {
    targets = [{ host: spec.host ?? '', port: spec.port ?? 0 }];
  }
  const probes = await Promise.all(targets.slice(0, 20).map((t) => probeTcp(t, timeoutMs, signal)));
  details.targets = probes;
  const failed = probes.filter((p) => !p.ok);
  const names = probes.map((p) => `${p.host}:${p.port}`).join(', ');
  if (failed.length === 0) return { status: 'pass', message: `reachable: ${names}`, details };
  return { status: 'fail', message: failed.map((p) => p.error).join('; '), details };
}
