// The commands measured side by side on the same tree: the reference archivers and casepack itself.
// Each names its output, so the bench can take its size and remove it before the next run.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunSpec } from './measure.js';

export interface Subject {
  name: string;
  /** Shown in the table and the JSON, so a reader can repeat the run by hand. */
  describe: string;
  /** The command for one run, writing into `outDir` (empty before each run). */
  spec(outDir: string): RunSpec;
  /** The output's size in bytes after a run. */
  outputBytes(outDir: string): number;
  /** Looks at the output of the first run; returns what a reader of the figures must know. */
  inspect?(outDir: string): string[];
}

export function have(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function onlyFileSize(dir: string): number {
  const files = readdirSync(dir).filter((f) => !f.endsWith('.partial'));
  if (files.length !== 1)
    throw new Error(`expected one output in ${dir}, found ${files.join(', ')}`);
  return statSync(path.join(dir, files[0]!)).size;
}

/** `zip -r -6`, `tar czf` and `tar cf - | pigz -6 -p 2`, each run from the tree's parent folder. */
export function referenceSubjects(tree: string): Subject[] {
  const parent = path.dirname(tree);
  const name = path.basename(tree);
  const out: Subject[] = [];
  if (have('zip'))
    out.push({
      name: 'zip -r -6',
      describe: `cd ${parent} && zip -q -r -6 OUT.zip ${name}`,
      spec: (o) => ({
        argv: ['zip', '-q', '-r', '-6', path.join(o, 'out.zip'), name],
        cwd: parent,
      }),
      outputBytes: onlyFileSize,
    });
  if (have('tar') && have('gzip'))
    out.push({
      name: 'tar czf',
      describe: `tar czf OUT.tar.gz -C ${parent} ${name}`,
      spec: (o) => ({ argv: ['tar', 'czf', path.join(o, 'out.tar.gz'), '-C', parent, name] }),
      outputBytes: onlyFileSize,
    });
  if (have('tar') && have('pigz'))
    out.push({
      name: 'tar | pigz -6 -p 2',
      describe: `tar cf - -C ${parent} ${name} | pigz -6 -p 2 > OUT.tar.gz`,
      spec: (o) => ({
        argv: [
          'bash',
          '-c',
          'set -o pipefail; tar cf - -C "$1" "$2" | pigz -6 -p 2 > "$3"',
          'bench',
          parent,
          name,
          path.join(o, 'out.tar.gz'),
        ],
      }),
      outputBytes: onlyFileSize,
    });
  return out;
}
