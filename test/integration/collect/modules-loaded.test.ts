// `casepack collect` loads only what collecting needs: the submission stack (axios, nodemailer,
// ssh2, openpgp: tens of MB of memory on the customer's server) stays unloaded. A module hook in the
// real command's process writes down every module it resolves.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectResult } from '../../../core/common/api/collect.js';
import { runCliJson } from '../../support/cli.js';
import { moduleLog } from '../../support/module-log.js';
import { tempDir } from '../../support/tmp.js';

describe('casepack collect', () => {
  it('does not load the submission stack (axios, nodemailer, ssh2, openpgp)', async () => {
    const dir = await tempDir();
    const log = await moduleLog();
    await writeFile(path.join(dir, 'app.log'), '2026-11-27 10:00:00,123 INFO started\n');
    const profile = path.join(dir, 'app.yaml');
    await writeFile(
      profile,
      `name: app\nfiles:\n  - { id: app-logs, kind: log, paths: ["${dir}/app.log"] }\n`,
    );
    await writeFile(path.join(dir, 'settings.yaml'), '{}\n');
    const r = await runCliJson<CollectResult>(
      ['collect', '--profile', profile, '--since', '30d', '--out', dir, '--yes'],
      {
        env: {
          ...log.env,
          CASEPACK_CONFIG: path.join(dir, 'settings.yaml'),
          CASEPACK_DATA_DIR: path.join(dir, 'data'),
        },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(r.json.bundle)).toBe(true);
    const { modules, packages } = await log.read();
    // The hook saw the collection code and the packages it does use...
    expect(modules.some((m) => m.endsWith('/dist/core/node/collect/collect.js'))).toBe(true);
    expect(packages).toContain('yaml');
    expect(packages).toContain('zod');
    // ...and none of the submission stack.
    for (const p of ['axios', 'nodemailer', 'ssh2', 'openpgp']) expect(packages).not.toContain(p);
  });
});
