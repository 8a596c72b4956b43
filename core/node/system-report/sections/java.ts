// Java runtimes found on the host: JAVA_HOME (and JRE_HOME/JDK_HOME), /usr/lib/jvm and other
// usual folders, `java` on PATH, and the runtimes of running Java processes. The version comes from
// each runtime's `release` file (instant); only a runtime without one is asked `java -version`.
import { access, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { mapLimit, PROC_READS } from '../map-limit.js';
import { listPids, parseKeyValues, readLinkSafe, readSmall } from '../proc.js';
import type { SectionContext, SystemSection } from '../types.js';

const JVM_DIRS = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/usr/local/java', '/opt'];

async function isExecutable(p: string): Promise<boolean> {
  try {
    await access(p, 1 /* X_OK */);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** `.../bin/java` -> the runtime's home. */
function homeOfBinary(bin: string): string {
  return path.dirname(path.dirname(bin));
}

export function parseJavaVersion(text: string): { version?: string; runtime?: string } {
  const lines = text.split('\n').map((l) => l.trim());
  const first = lines.find((l) => / version "/.test(l));
  return {
    version: first ? /version "([^"]+)"/.exec(first)?.[1] : undefined,
    runtime: lines.find((l) => /Runtime Environment/.test(l)),
  };
}

async function candidates(ctx: SectionContext): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>(); // home -> how it was found
  const add = (home: string, via: string): void => {
    const set = found.get(home) ?? new Set<string>();
    set.add(via);
    found.set(home, set);
  };
  for (const v of ['JAVA_HOME', 'JRE_HOME', 'JDK_HOME']) {
    const home = ctx.env[v];
    if (home && (await isExecutable(path.join(home, 'bin', 'java')))) add(home, v);
    else if (home) ctx.note(`${v}=${home} has no bin/java`);
  }
  for (const dir of JVM_DIRS) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const home = path.join(dir, name);
      if (dir === '/opt' && !/j(dk|re|ava)/i.test(name)) continue;
      if (await isExecutable(path.join(home, 'bin', 'java'))) add(home, dir);
    }
  }
  for (const dir of (ctx.env.PATH ?? '').split(':').filter(Boolean)) {
    const bin = path.join(dir, 'java');
    if (await isExecutable(bin)) add(homeOfBinary(await realpath(bin).catch(() => bin)), 'PATH');
  }
  const exes = await mapLimit(await listPids(), PROC_READS, async (pid) => ({
    pid,
    exe: await readLinkSafe(`/proc/${pid}/exe`),
  }));
  for (const { pid, exe } of exes)
    if (exe && path.basename(exe) === 'java') add(homeOfBinary(exe), `running process ${pid}`);
  return found;
}

export const javaSection: SystemSection = {
  id: 'java',
  title: 'Java runtimes',
  timeoutMs: 30_000,
  async collect(ctx) {
    const byReal = new Map<string, { home: string; paths: string[]; foundVia: string[] }>();
    for (const [home, via] of await candidates(ctx)) {
      const real = await realpath(home).catch(() => home);
      const known = byReal.get(real) ?? { home: real, paths: [], foundVia: [] };
      if (!known.paths.includes(home)) known.paths.push(home);
      known.foundVia.push(...via);
      byReal.set(real, known);
    }
    const runtimes = await Promise.all(
      [...byReal.values()].map(async (rt) => {
        const home = rt.home;
        const release = await readSmall(path.join(home, 'release'), 64 * 1024);
        const rel = release ? parseKeyValues(release) : {};
        let version: string | undefined = rel.JAVA_VERSION;
        let runtime = rel.JAVA_RUNTIME_VERSION
          ? `${rel.IMPLEMENTOR ?? ''} ${rel.JAVA_RUNTIME_VERSION}`.trim()
          : undefined;
        let versionSource = release ? 'release file' : undefined;
        if (!version) {
          const r = await ctx.run([path.join(home, 'bin', 'java'), '-version'], 5_000);
          const parsed = parseJavaVersion(r.stderr || r.stdout);
          version = parsed.version;
          runtime = parsed.runtime;
          versionSource = 'java -version';
          if (!version)
            ctx.note(
              `${home}: version unknown (java -version ${r.timedOut ? 'timed out' : `gave exit ${r.exitCode}`})`,
            );
        }
        return {
          ...rt,
          foundVia: [...new Set(rt.foundVia)],
          version,
          vendor: rel.IMPLEMENTOR,
          runtime,
          versionSource,
          jdk: await isExecutable(path.join(home, 'bin', 'javac')),
          jcmd: await isExecutable(path.join(home, 'bin', 'jcmd')),
        };
      }),
    );
    if (runtimes.length === 0)
      ctx.note('no Java runtime found (JAVA_HOME, /usr/lib/jvm, PATH, running processes)');
    return { runtimes: runtimes.sort((a, b) => a.home.localeCompare(b.home)) };
  },
};
