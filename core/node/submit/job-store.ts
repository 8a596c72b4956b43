// The outbox on disk: `<data dir>/outbox/<job id>/job.json`, written atomically (temp file, fsync,
// rename, fsync of the folder) so that a crash at any moment leaves either the old or the new state.
// A job file holds the target's NAME and facts the steps learned, never a credential.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { OutboxJob } from '../../common/api/submit.js';
import { CasepackError } from '../../common/errors.js';

export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

export function newJobId(now = new Date()): string {
  const t = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${t}-${randomBytes(4).toString('hex')}`;
}

const JOB_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

function jobDir(dataDir: string, id: string): string {
  if (!JOB_ID.test(id)) throw new CasepackError('not-found', `no job "${id}" in the outbox`);
  return path.join(outboxDir(dataDir), id);
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Write a file so that readers see the old or the new content, never a torn one. */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncPath(path.dirname(file)).catch(() => undefined);
}

export async function saveJob(dataDir: string, job: OutboxJob): Promise<void> {
  const dir = jobDir(dataDir, job.id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  job.updatedAt = new Date().toISOString();
  await writeFileAtomic(path.join(dir, 'job.json'), JSON.stringify(job, null, 2) + '\n');
}

export async function loadJob(dataDir: string, id: string): Promise<OutboxJob> {
  let text: string;
  try {
    text = await readFile(path.join(jobDir(dataDir, id), 'job.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CasepackError('not-found', `no job "${id}" in the outbox`);
    throw e;
  }
  try {
    return JSON.parse(text) as OutboxJob;
  } catch {
    throw new CasepackError('io', `the outbox job ${id} is damaged (job.json is not JSON)`);
  }
}

/** Every job, oldest first. A damaged job file is reported, not fatal. */
export async function listJobs(dataDir: string): Promise<{ jobs: OutboxJob[]; damaged: string[] }> {
  let names: string[];
  try {
    names = await readdir(outboxDir(dataDir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { jobs: [], damaged: [] };
    throw e;
  }
  const jobs: OutboxJob[] = [];
  const damaged: string[] = [];
  for (const name of names.filter((n) => JOB_ID.test(n)).sort()) {
    try {
      jobs.push(await loadJob(dataDir, name));
    } catch (e) {
      if (e instanceof CasepackError && e.code === 'not-found') continue;
      damaged.push(name);
    }
  }
  return { jobs, damaged };
}

export async function removeJob(dataDir: string, id: string): Promise<void> {
  await rm(jobDir(dataDir, id), { recursive: true, force: true });
}

export interface JobLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process works on a job at a time. The lock names its holder (host and pid); a lock left by a
 * process that no longer runs (killed, machine rebooted) is taken over.
 */
export async function lockJob(dataDir: string, id: string): Promise<JobLock | undefined> {
  const file = path.join(jobDir(dataDir, id), 'lock');
  const me = `${hostname()} ${process.pid}\n`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      await writeFile(file, me, { flag: 'wx', mode: 0o600 });
      return {
        release: async () => {
          await unlink(file).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const [host, pidText] = (await readFile(file, 'utf8').catch(() => '')).trim().split(' ');
    const pid = Number(pidText);
    if (host === hostname() && Number.isInteger(pid) && pid > 0 && alive(pid)) return undefined;
    await unlink(file).catch(() => undefined);
  }
  return undefined;
}
