// Values casepack fills in by itself (editable by the user): the platform from the running system,
// the Java version from `java -version`, the time zone from the host. Nothing here is fatal: what
// cannot be detected is left empty with a note.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface DetectedPlatform {
  os?: string;
  version?: string;
  architecture?: string;
  javaVersion?: string;
}

export interface Detected {
  platform: DetectedPlatform;
  timeZone?: string;
  notes: string[];
}

/** `/etc/os-release` fields (NAME, VERSION_ID, PRETTY_NAME), or undefined off Linux. */
async function osRelease(file = '/etc/os-release'): Promise<Record<string, string> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

function run(
  cmd: string,
  args: string[],
  timeoutMs: number,
): Promise<{ out: string; err?: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const out = `${stdout}\n${stderr}`;
        if (error && !out.trim())
          resolve({ out: '', err: (error as NodeJS.ErrnoException).code?.toString() ?? 'failed' });
        else resolve({ out });
      },
    );
  });
}

/** The version `java -version` prints (`17.0.13`), from JAVA_HOME's java or the one on PATH. */
export async function detectJavaVersion(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ version?: string; note?: string }> {
  const java = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
  const r = await run(java, ['-version'], 10_000);
  const m = /version "([^"]+)"/.exec(r.out) ?? /^\S+ (\d+(?:\.\d+)+)/m.exec(r.out);
  if (m) return { version: m[1] };
  return {
    note:
      r.err === 'ENOENT'
        ? 'Java version: no java found (JAVA_HOME or PATH)'
        : `Java version: \`${java} -version\` did not say (${r.err ?? 'unrecognised output'})`,
  };
}

export async function detectPlatform(): Promise<Detected> {
  const notes: string[] = [];
  const platform: DetectedPlatform = {};
  if (process.platform === 'linux') {
    const rel = await osRelease();
    if (rel) {
      platform.os = rel.NAME ?? 'Linux';
      if (rel.VERSION_ID) platform.version = rel.VERSION_ID;
    } else {
      platform.os = 'Linux';
      notes.push('OS version: /etc/os-release is not readable');
    }
    if (!platform.version) platform.version = os.release();
  } else {
    platform.os = os.type() === 'Darwin' ? 'macOS' : os.type();
    platform.version = os.release();
  }
  // uname -m style (x86_64, aarch64), which is what support engineers compare against.
  platform.architecture = os.machine();
  const java = await detectJavaVersion();
  if (java.version) platform.javaVersion = java.version;
  else if (java.note) notes.push(java.note);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { platform, ...(timeZone ? { timeZone } : {}), notes };
}
