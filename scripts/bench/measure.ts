// Runs one command under GNU time (Debian package `time`) and reads back wall time, CPU time (user +
// system of the command and every child it waited for) and peak RSS (of the largest process in the
// tree: for a pipeline, its biggest member).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface Sample {
  wall_s: number;
  cpu_s: number;
  max_rss_mb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunSpec {
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function haveGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export async function measure(spec: RunSpec, scratch: string): Promise<Sample> {
  const timeFile = path.join(scratch, `time-${process.pid}-${Date.now()}.txt`);
  const argv = [GNU_TIME, '-f', '%e %U %S %M', '-o', timeFile, '--', ...spec.argv];
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const text = (await readFile(timeFile, 'utf8')).trim().split('\n').pop() ?? '';
  await rm(timeFile, { force: true });
  const [e, u, s, m] = text.split(/\s+/).map(Number);
  if ([e, u, s, m].some((x) => x === undefined || Number.isNaN(x)))
    throw new Error(`could not read GNU time's output: ${JSON.stringify(text)}`);
  return {
    wall_s: e!,
    cpu_s: u! + s!,
    max_rss_mb: m! / 1024,
    exitCode,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
