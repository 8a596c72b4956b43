// Tests run the real `casepack` command as users do, so compile it first (incremental, a few seconds).
import { execFileSync } from 'node:child_process';
import { repoRoot } from './paths.js';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
