import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

describe('one settings file for every front end', () => {
  it('takes --config over CASEPACK_CONFIG over the per-user default', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    await writeFile(a, 'collect: { since: 24h }\n');
    await writeFile(b, 'collect: { since: 48h }\n');
    const env = { CASEPACK_CONFIG: b, XDG_CONFIG_HOME: path.join(dir, 'xdg') };
    expect((await runCliJson(['--config', a, 'config', 'path'], { env })).json.file).toBe(a);
    expect((await runCliJson(['config', 'path'], { env })).json.file).toBe(b);
    const def = await runCliJson(['config', 'path'], {
      env: { CASEPACK_CONFIG: '', XDG_CONFIG_HOME: path.join(dir, 'xdg') },
    });
    expect(def.json.file).toBe(path.join(dir, 'xdg', 'casepack', 'config.yaml'));
    expect(def.json.exists).toBe(false);
  });

  it('names the file, line and key of a mistake', async () => {
    const dir = await tempDir();
    const f = path.join(dir, 'bad.yaml');
    await writeFile(f, 'collect:\n  since: 24h\n  outdir: /tmp\n');
    const r = await runCli(['--config', f, 'config', 'check']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${f}:3: collect.outdir: unknown key "outdir"`);
  });
});
