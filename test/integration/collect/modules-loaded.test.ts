// `casepack collect` loads only what collecting needs: the submission stack (axios, nodemailer,
// ssh2, openpgp: tens of MB of memory on the customer's server) stays unloaded. A module hook in the
// real command's process writes down every module it resolves.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import { runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.CASEPACK_TEST_MODULE_LOG, r.url + '\\n');
  return r;
}`;

describe('casepack collect', () => {
  it('does not load the submission stack (axios, nodemailer, ssh2, openpgp)', async () => {
    const dir = await tempDir();
    const hooks = path.join(dir, 'hooks.mjs');
    const register = path.join(dir, 'register.mjs');
    await writeFile(hooks, HOOKS);
    await writeFile(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    await writeFile(path.join(dir, 'app.log'), '2026-11-27 10:00:00,123 INFO started\n');
    const profile = path.join(dir, 'app.yaml');
    await writeFile(
      profile,
      `name: app\nfiles:\n  - { id: app-logs, kind: log, paths: ["${dir}/app.log"] }\n`,
    );
    await writeFile(path.join(dir, 'settings.yaml'), '{}\n');
    const log = path.join(dir, 'modules.txt');
    const r = await runCliJson<CollectResult>(
      ['collect', '--profile', profile, '--since', '30d', '--out', dir, '--yes'],
      {
        env: {
          NODE_OPTIONS: `--import ${register}`,
          CASEPACK_TEST_MODULE_LOG: log,
          CASEPACK_CONFIG: path.join(dir, 'settings.yaml'),
          CASEPACK_DATA_DIR: path.join(dir, 'data'),
        },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(r.json.bundle)).toBe(true);
    const modules = (await readFile(log, 'utf8')).split('\n');
    const packages = new Set(modules.map((m) => /\/node_modules\/([^/]+)\//.exec(m)?.[1]));
    // The hook saw the collection code and the packages it does use...
    expect(modules.some((m) => m.endsWith('/dist/core/node/collect/collect.js'))).toBe(true);
    expect(packages).toContain('yaml');
    expect(packages).toContain('zod');
    // ...and none of the submission stack.
    for (const p of ['axios', 'nodemailer', 'ssh2', 'openpgp']) expect(packages).not.toContain(p);
  });
});
