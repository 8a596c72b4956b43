// casepack as the bench runs it: `casepack collect` with an ordinary profile (one `kind: log` entry
// over the whole tree), a window that holds every entry, the system report, default redaction and
// every pseudonym category on. Settings and data live in the bench's work folder, so the user's own
// settings never change what is measured.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSpec } from './measure.js';
import type { Subject } from './subjects.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CASEPACK = path.join(REPO, 'bin', 'casepack.js');

/** Entries in the generated logs lie well inside this window. */
export const ALL_TIME = ['--since', '2000-01-01T00:00:00Z', '--until', '2100-01-01T00:00:00Z'];

export interface CasepackEnv {
  env: NodeJS.ProcessEnv;
  dir: string;
}

/** An empty settings file and data folder of the bench's own. */
export function casepackEnv(work: string): CasepackEnv {
  const dir = path.join(work, 'casepack-home');
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), '# casepack bench: defaults only\n{}\n');
  return {
    dir,
    env: {
      ...process.env,
      CASEPACK_CONFIG: path.join(dir, 'config.yaml'),
      CASEPACK_DATA_DIR: path.join(dir, 'data'),
      NO_COLOR: '1',
    },
  };
}

export function casepackSpec(args: string[], ce: CasepackEnv): RunSpec {
  return { argv: [process.execPath, CASEPACK, ...args], env: ce.env };
}

/** The options `casepack collect --help` offers today (the bench follows what has landed). */
export function collectOptions(ce: CasepackEnv): string | undefined {
  try {
    const help = execFileSync(process.execPath, [CASEPACK, 'collect', '--help'], {
      env: ce.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Before `collect` exists, commander answers with the program's own help.
    return /Usage: casepack collect/.test(help) ? help : undefined;
  } catch {
    return undefined;
  }
}

export function writeProfile(file: string, name: string, glob: string): void {
  writeFileSync(
    file,
    [
      `# Written by scripts/bench: everything under the tree, as one log entry.`,
      `name: ${name}`,
      `files:`,
      `  - id: tree`,
      `    kind: log`,
      `    paths: [${JSON.stringify(glob)}]`,
      `    maxBytes: 64GiB`,
      `    maxFiles: 100000`,
      ``,
    ].join('\n'),
  );
}

export interface CollectFlags {
  pseudonymize?: boolean;
  nice?: boolean;
  systemReport?: boolean;
  extra?: string[];
}

/** `collect` argv for what the installed casepack supports; notes say what was left out and why. */
export function collectArgs(
  help: string,
  profile: string,
  outDir: string,
  f: CollectFlags,
  notes: Set<string>,
): string[] {
  const args = ['collect', '--profile', profile, ...ALL_TIME, '--out', outDir, '--json'];
  if (help.includes('--yes')) args.push('--yes');
  if (f.pseudonymize) {
    if (help.includes('--pseudonymize')) args.push('--pseudonymize', 'all');
    else notes.add('`collect --pseudonymize` has not landed: measured without pseudonyms');
  }
  if (f.nice) {
    if (help.includes('--nice')) args.push('--nice');
    else notes.add('`collect --nice` has not landed');
  }
  if (f.systemReport === false) args.push('--no-system-report');
  return [...args, ...(f.extra ?? [])];
}

export function casepackSubject(
  tree: string,
  work: string,
  ce: CasepackEnv,
  help: string,
  notes: Set<string>,
  /** false: the default redaction only, a second row beside the target's (pseudonyms on). */
  pseudonymize = true,
): Subject {
  const profile = path.join(work, 'bench-tree.yaml');
  writeProfile(profile, 'bench-tree', `${tree}/**`);
  const collect = (o: string) => collectArgs(help, profile, o, { pseudonymize }, notes);
  return {
    name: pseudonymize ? 'casepack collect' : 'casepack collect, no pseudonyms',
    describe: `casepack ${collect('OUT').join(' ')}`,
    spec: (o) => ({ ...casepackSpec(collect(o), ce), threads: true }),
    outputBytes: (o) => bundleSize(o),
    inspect: (o) => redactionNotes(bundlePath(o)),
  };
}

/** Whether the bundle was really redacted: the tree holds secrets, so zero replacements means no. */
function redactionNotes(bundle: string): string[] {
  const manifest = JSON.parse(
    execFileSync('unzip', ['-p', bundle, 'manifest.json'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  ) as { redaction?: { counts?: Record<string, number> } };
  const counts = manifest.redaction?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return total > 0
    ? [`casepack redacted ${total} values in the tree (${Object.keys(counts).length} rules)`]
    : [
        'casepack collect made NO replacements in a tree full of secrets: the redactor is not wired into collect in this build, so its row is measured WITHOUT redaction',
      ];
}

function bundlePath(dir: string): string {
  const found = readdirSync(dir).filter((f) => f.endsWith('.zip'));
  if (found.length !== 1) throw new Error(`expected one bundle in ${dir}, found ${found.length}`);
  return path.join(dir, found[0]!);
}

function bundleSize(dir: string): number {
  return statSync(bundlePath(dir)).size;
}
