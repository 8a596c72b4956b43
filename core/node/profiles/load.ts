// Loading profiles: by shipped name (resources/profiles/NAME.yaml) or by file path; `extends`
// pulls in bases explicitly (never implicitly), with cycles reported; every `${VAR}` must name a
// declared var or a built-in. Errors name the file, the line and the key (exit code 4).
import { createHash } from 'node:crypto';
import { access, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { CasepackError } from '../../common/errors.js';
import { mergeProfiles } from '../../common/profile/merge.js';
import { profileSchema, type Profile } from '../../common/profile/schema.js';
import { BUILTIN_VARS, varsIn } from '../../common/profile/vars.js';
import { resourcesDir } from '../package-root.js';
import { parseYaml } from '../yaml-file.js';

export interface LoadedProfile {
  name: string;
  /** The profile file, absolute. */
  file: string;
  /** sha256 of that file's bytes (recorded in the manifest). */
  sha256: string;
  shipped: boolean;
  /** Files pulled in by `extends`, bases first. */
  chain: string[];
  /** The profile with its bases merged in. */
  profile: Profile;
}

export function shippedProfilesDir(): string {
  return path.join(resourcesDir(), 'profiles');
}

export async function listShippedProfiles(): Promise<string[]> {
  const names = await readdir(shippedProfilesDir()).catch(() => [] as string[]);
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .map((n) => n.replace(/\.ya?ml$/, ''))
    .sort();
}

/** A file path rather than a shipped name: has a slash or a .yaml/.yml ending. */
export const looksLikeProfilePath = (ref: string) =>
  ref.includes('/') || ref.includes(path.sep) || /\.ya?ml$/i.test(ref);

/** A shipped name, else a file path (relative to `baseDir`). */
async function resolveRef(
  ref: string,
  baseDir: string,
): Promise<{ file: string; shipped: boolean }> {
  if (!looksLikeProfilePath(ref)) {
    const shipped = path.join(shippedProfilesDir(), `${ref}.yaml`);
    try {
      await access(shipped);
      return { file: shipped, shipped: true };
    } catch {
      const names = await listShippedProfiles();
      throw new CasepackError(
        'profile',
        `no shipped profile "${ref}" (shipped: ${names.join(', ') || 'none'}); to use a file, give its path (e.g. ./${ref}.yaml)`,
        ref,
      );
    }
  }
  return { file: path.resolve(baseDir, ref), shipped: false };
}

async function readProfileFile(file: string): Promise<{ profile: Profile; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new CasepackError('profile', `cannot read profile ${file}: ${why}`, file);
  }
  const profile = parseYaml(bytes.toString('utf8'), profileSchema, {
    file,
    what: 'profile',
    code: 'profile',
  });
  return { profile, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function loadChain(
  file: string,
  stack: string[],
): Promise<{ profile: Profile; sha256: string; chain: string[] }> {
  const real = await realpath(file).catch(() => file);
  if (stack.includes(real))
    throw new CasepackError(
      'profile',
      `profiles extend each other in a cycle: ${[...stack, real].map((f) => path.basename(f)).join(' -> ')}`,
      file,
    );
  const own = await readProfileFile(file);
  const bases = own.profile.extends === undefined ? [] : [own.profile.extends].flat();
  let merged: Profile | undefined;
  const chain: string[] = [];
  for (const ref of bases) {
    const { file: baseFile } = await resolveRef(ref, path.dirname(file));
    const base = await loadChain(baseFile, [...stack, real]);
    chain.push(...base.chain, baseFile);
    merged = merged ? mergeProfiles(merged, base.profile) : base.profile;
  }
  return {
    profile: merged ? mergeProfiles(merged, own.profile) : own.profile,
    sha256: own.sha256,
    chain,
  };
}

/** Every `${VAR}` in paths, argv, cwd and env must be declared under `vars` or be a built-in. */
function checkVarRefs(p: Profile, file: string): void {
  const declared = new Set<string>([...BUILTIN_VARS, ...Object.keys(p.vars)]);
  const places: Array<[string, string[]]> = [];
  p.files.forEach((f) => places.push([`files.${f.id}.paths`, [...f.paths, ...f.exclude]]));
  p.commands.forEach((c) =>
    places.push([
      `commands.${c.id}`,
      [...c.argv, c.cwd ?? '', ...Object.values(c.env ?? {}), ...(c.when?.anyPathExists ?? [])],
    ]),
  );
  places.push([
    'appliesWhen',
    [...(p.appliesWhen?.anyPathExists ?? []), ...(p.appliesWhen?.allPathsExist ?? [])],
  ]);
  places.push(['forbid', p.forbid]);
  Object.entries(p.vars).forEach(([n, v]) => places.push([`vars.${n}.paths`, v.paths ?? []]));
  for (const c of p.commands)
    for (const v of c.when?.vars ?? [])
      if (!declared.has(v)) places.push([`commands.${c.id}.when.vars`, [`\${${v}}`]]);
  for (const [where, strings] of places)
    for (const s of strings)
      for (const v of varsIn(s))
        if (!declared.has(v))
          throw new CasepackError(
            'profile',
            `invalid profile ${file}: ${where}: unknown variable \${${v}} (declare it under vars, or use a built-in: ${BUILTIN_VARS.join(', ')})`,
            file,
          );
}

/** Load a profile by shipped name or file path, with its `extends` bases merged in. */
export async function loadProfile(
  ref: string,
  opts: { cwd?: string } = {},
): Promise<LoadedProfile> {
  const { file, shipped } = await resolveRef(ref, opts.cwd ?? process.cwd());
  const { profile, sha256, chain } = await loadChain(file, []);
  if (profile.files.length === 0 && profile.commands.length === 0)
    throw new CasepackError(
      'profile',
      `invalid profile ${file}: it (with its bases) has no files or commands`,
      file,
    );
  checkVarRefs(profile, file);
  return { name: profile.name, file, sha256, shipped, chain, profile };
}
