import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../core/common/collect/plan.js';
import { runCli, runCliJson } from '../../support/cli.js';
import { tempDir } from '../../support/tmp.js';

describe('casepack plan and profiles', () => {
  it('plan --json lists what would be collected and what is left out, and writes nothing', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'app.log'), '2026-11-27 10:00:00,000 INFO up\n');
    const profile = path.join(dir, 'p.yaml');
    await writeFile(
      profile,
      `name: p\nfiles:\n  - { id: logs, kind: log, paths: ["${dir}/*.log", "${dir}/none/*.log"] }\ncommands:\n  - { id: missing, argv: [casepack-no-such-tool] }\n`,
    );
    const r = await runCliJson<Plan>(['plan', '--profile', profile, '--since', '7d'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(
      r.json.items.map((i) => [i.action, i.source, i.action === 'skip' ? i.reason : i.path]),
    ).toEqual([
      ['collect', `${dir}/app.log`, `logs${dir}/app.log`],
      ['skip', 'missing', 'command not found: casepack-no-such-tool'],
    ]);
    expect(Date.parse(r.json.window.until) - Date.parse(r.json.window.since)).toBe(7 * 86_400_000);
    const human = await runCli(['plan', '--profile', profile], { cwd: dir });
    expect(human.stdout).toContain(`${dir}/app.log`);
    expect(human.stdout).toContain('failed  missing: command not found: casepack-no-such-tool');
  });

  it('a broken profile exits 4 naming file, line and key', async () => {
    const dir = await tempDir();
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'name: bad\ncommands:\n  - id: u\n    argv: [uname]\n    timout: 5s\n');
    const r = await runCli(['plan', '--profile', bad]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${bad}:5: commands[0].timout: unknown key "timout"`);
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'name: broken\ncommands: [ {id: u, argv: [uname] }\n');
    const b = await runCliJson(['plan', '--profile', broken]);
    expect(b.code).toBe(4);
    expect(b.json).toMatchObject({
      error: { code: 'profile', where: expect.stringMatching(new RegExp(`^${broken}:\\d+$`)) },
    });
  });

  it('profiles lists linux-host as applying here', async () => {
    const r = await runCliJson<{
      profiles: Array<{ name: string; applies: boolean; reason: string }>;
    }>(['profiles']);
    expect(r.code).toBe(0);
    expect(r.json.profiles).toContainEqual(
      expect.objectContaining({ name: 'linux-host', applies: true, reason: 'runs on linux' }),
    );
  });
});
