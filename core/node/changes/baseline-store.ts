// Baselines on disk: <dataDir>/baselines/<profile>/<UTC stamp>/ with baseline.json and files/NNNN
// (redacted text). Written to `<stamp>.partial` and renamed when complete, so a crash never leaves a
// half baseline that a later collection would trust. Only the newest `keep` are kept.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BASELINE_FORMAT_VERSION,
  baselineSchema,
  type Baseline,
  type BaselineFile,
} from '../../common/changes/baseline.js';
import { CasepackError, errorMessage } from '../../common/errors.js';
import type { RedactionSession } from '../redact/types.js';
import { toolVersion } from '../version.js';
import { readRedacted } from './read-redacted.js';

export const DEFAULT_KEEP = 5;

/** A configuration file a profile collects (from the collection plan). */
export interface ConfigSource {
  path: string;
  spec: string;
  maxBytes: number;
}

export interface ProfileRef {
  name: string;
  source?: string;
  sha256?: string;
}

export function baselinesDir(dataDir: string, profile: string): string {
  // Profile names are ids (lower-case, digits, . _ -); anything else is made safe.
  return path.join(dataDir, 'baselines', profile.replace(/[^A-Za-z0-9._-]/g, '_'));
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export interface WrittenBaseline {
  dir: string;
  baseline: Baseline;
  removed: string[];
}

export async function writeBaseline(o: {
  dataDir: string;
  profile: ProfileRef;
  files: ConfigSource[];
  /** Files the profile matched but could not be read now (from the plan). */
  unreadable?: Array<{ path: string; spec: string; reason: string }>;
  session: RedactionSession;
  host?: string;
  keep?: number;
  now?: Date;
}): Promise<WrittenBaseline> {
  const now = o.now ?? new Date();
  const parent = baselinesDir(o.dataDir, o.profile.name);
  let name = stamp(now);
  const existing = await readdir(parent).catch(() => [] as string[]);
  for (let i = 2; existing.includes(name); i++) name = `${stamp(now)}-${i}`;
  const final = path.join(parent, name);
  const partial = `${final}.partial`;
  try {
    await mkdir(path.join(partial, 'files'), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new CasepackError('io', `cannot create ${partial}: ${errorMessage(e)}`, partial);
  }
  const files: BaselineFile[] = [];
  const counts: Record<string, number> = {};
  try {
    let n = 0;
    for (const f of o.files) {
      const id = `baseline-${++n}`;
      const r = await readRedacted(f.path, o.session, { id, maxBytes: f.maxBytes });
      if (!r.ok) {
        files.push({ path: f.path, spec: f.spec, status: 'unreadable', reason: r.reason });
        continue;
      }
      for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + v;
      const entry: BaselineFile = {
        path: f.path,
        spec: f.spec,
        status: r.binary ? 'binary' : r.text === undefined ? 'too-large' : 'stored',
        size: r.size,
        mtime: r.mtime,
        sha256: r.sha256,
      };
      if (r.text !== undefined) {
        entry.content = `files/${String(n).padStart(4, '0')}`;
        await writeFile(path.join(partial, entry.content), r.text, { mode: 0o600 });
      }
      files.push(entry);
    }
    for (const u of o.unreadable ?? [])
      files.push({ path: u.path, spec: u.spec, status: 'unreadable', reason: u.reason });
    const baseline: Baseline = {
      formatVersion: BASELINE_FORMAT_VERSION,
      tool: { name: 'casepack', version: toolVersion() },
      createdAt: now.toISOString(),
      ...(o.host ? { host: o.host } : {}),
      profile: { ...o.profile },
      files,
      redaction: { counts },
    };
    await writeFile(path.join(partial, 'baseline.json'), JSON.stringify(baseline, null, 2), {
      mode: 0o600,
    });
    await rename(partial, final);
    const removed = await prune(parent, o.keep ?? DEFAULT_KEEP);
    return { dir: final, baseline, removed };
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    if (e instanceof CasepackError) throw e;
    throw new CasepackError('io', `cannot write the baseline: ${errorMessage(e)}`, partial);
  }
}

/** Complete baselines of a profile, oldest first (names are UTC stamps, so they sort by time). */
export function listBaselines(dataDir: string, profile: string): Promise<string[]> {
  return baselineDirsIn(baselinesDir(dataDir, profile));
}

async function baselineDirsIn(parent: string): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  return names
    .filter((n) => /^\d{8}T\d{6}Z(-\d+)?$/.test(n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => path.join(parent, n));
}

async function prune(parent: string, keep: number): Promise<string[]> {
  const all = await baselineDirsIn(parent);
  const old = all.slice(0, Math.max(0, all.length - Math.max(1, keep)));
  for (const d of old) await rm(d, { recursive: true, force: true });
  return old;
}

export type LoadedBaseline = { dir: string; baseline: Baseline };

/**
 * The newest baseline this casepack can read, and notes on any newer one it had to pass over
 * (written by a newer casepack, or damaged). Undefined baseline: none usable.
 */
export async function latestBaseline(
  dataDir: string,
  profile: string,
): Promise<{ found?: LoadedBaseline; notes: string[] }> {
  const notes: string[] = [];
  const dirs = (await listBaselines(dataDir, profile)).reverse();
  for (const dir of dirs) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, 'baseline.json'), 'utf8'));
    } catch (e) {
      notes.push(`baseline ${dir} is damaged (${errorMessage(e)}): passed over`);
      continue;
    }
    const parsed = baselineSchema.safeParse(raw);
    if (!parsed.success) {
      notes.push(
        `baseline ${dir} is not a casepack baseline this version understands: passed over`,
      );
      continue;
    }
    if (parsed.data.formatVersion > BASELINE_FORMAT_VERSION) {
      notes.push(
        `baseline ${dir} was made by casepack ${parsed.data.tool.version} in format ` +
          `${parsed.data.formatVersion}, newer than this casepack reads (${BASELINE_FORMAT_VERSION}): ` +
          'passed over (update casepack, or run `casepack snapshot` again)',
      );
      continue;
    }
    return { found: { dir, baseline: parsed.data }, notes };
  }
  return { notes };
}

/** The stored redacted text of one baseline file (undefined when only its checksum was kept). */
export async function baselineText(
  b: LoadedBaseline,
  f: BaselineFile,
): Promise<string | undefined> {
  if (!f.content) return undefined;
  const p = path.resolve(b.dir, f.content);
  // A damaged or hand-edited baseline must not point outside its own directory.
  if (!p.startsWith(path.resolve(b.dir) + path.sep)) return undefined;
  return readFile(p, 'utf8').catch(() => undefined);
}
