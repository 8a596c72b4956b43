// A stand-in for a running IGL Server on WildFly, for the igl-server profile tests: the fixture
// product home (test/fixtures/igl-home), a real JVM (Debian's OpenJDK 17) started with WildFly's
// command line shape, and a real TCP listener for its database.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

export const iglHome = path.join(repoRoot, 'test', 'fixtures', 'igl-home');
const source = path.join(repoRoot, 'test', 'support', 'java', 'IglServerStandIn.java');

/** Compile the stand-in and pack it as `jboss-modules.jar` (its Main-Class), as WildFly ships one. */
export async function buildStandInJar(dir: string): Promise<string> {
  const classes = path.join(dir, 'classes');
  await mkdir(classes, { recursive: true });
  await run('javac', ['-d', classes, source]);
  const jar = path.join(dir, 'jboss-modules.jar');
  await run('jar', [
    '--create',
    '--file',
    jar,
    '--main-class',
    'IglServerStandIn',
    '-C',
    classes,
    '.',
  ]);
  return jar;
}

export interface StandInServer {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Start the JVM the way bin/standalone.sh starts WildFly:
 * `java -D[Standalone] <JAVA_OPTS> -jar jboss-modules.jar -mp <home>/modules org.jboss.as.standalone
 * -Djboss.home.dir=<home> ...`, with `env` added to its environment.
 */
export async function startStandIn(
  jar: string,
  opts: { javaOpts?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<StandInServer> {
  const argv = [
    '-D[Standalone]',
    '-Xms32m',
    '-Xmx128m',
    '-XX:+UseSerialGC',
    ...(opts.javaOpts ?? []),
    '-jar',
    jar,
    '-mp',
    path.join(iglHome, 'modules'),
    'org.jboss.as.standalone',
    `-Djboss.home.dir=${iglHome}`,
    `-Djboss.server.base.dir=${path.join(iglHome, 'standalone')}`,
  ];
  const child = spawn('java', argv, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<boolean>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.includes('IGL stand-in ready')) resolve(true);
    });
    child.once('exit', () => resolve(false));
  });
  if (!ready || child.pid === undefined)
    throw new Error(`the stand-in JVM did not start: java ${argv.join(' ')}`);
  return {
    child,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

/** A database stand-in: a TCP listener on 127.0.0.1 that accepts and closes. */
export async function startListener(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((c) => c.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A port nothing listens on (bound, read, closed). */
export async function closedPort(): Promise<number> {
  const l = await startListener();
  await l.close();
  return l.port;
}
