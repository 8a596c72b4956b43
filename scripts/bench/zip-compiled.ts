// The bundle-writer benchmarks run compiled (scripts/bench/tsconfig.json -> .bench/dist), so that
// their time and memory are the writer's, not a TypeScript loader's.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './casepack-subject.js';

const run = promisify(execFile);

/** Compile the bench scripts to .bench/dist (incremental: seconds). */
export async function compileScripts(): Promise<void> {
  await run(process.execPath, [
    path.join(REPO, 'node_modules/typescript/bin/tsc'),
    '-p',
    path.join(REPO, 'scripts/bench/tsconfig.json'),
  ]);
}

/** The compiled form of a script in scripts/bench. */
export function compiled(script: string): string {
  return path.join(REPO, '.bench/dist/scripts/bench', script.replace(/\.ts$/, '.js'));
}
