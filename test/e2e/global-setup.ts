// The e2e tests run the built command and the built UI: build both if needed.
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../support/paths.js';
import { ensureUiBuilt } from '../support/ui-build.js';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  ensureUiBuilt();
}
