// Which modules a real `casepack` process loads: a module hook (registered with --import through
// NODE_OPTIONS) writes down every module the command resolves.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './tmp.js';

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.CASEPACK_TEST_MODULE_LOG, r.url + '\\n');
  return r;
}`;

export interface ModuleLog {
  /** Environment for runCli: loads the hook and names the log file. */
  env: Record<string, string>;
  /** The module URLs resolved so far, and the npm packages among them. */
  read(): Promise<{ modules: string[]; packages: Set<string> }>;
}

export async function moduleLog(): Promise<ModuleLog> {
  const dir = await tempDir('casepack-modules-');
  const hooks = path.join(dir, 'hooks.mjs');
  const register = path.join(dir, 'register.mjs');
  const log = path.join(dir, 'modules.txt');
  await writeFile(hooks, HOOKS);
  await writeFile(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return {
    env: { NODE_OPTIONS: `--import ${register}`, CASEPACK_TEST_MODULE_LOG: log },
    async read() {
      const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      const packages = new Set(
        modules
          .map((m) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1])
          .filter((p): p is string => p !== undefined),
      );
      return { modules, packages };
    },
  };
}
