// `casepack --help` (and a usage error) starts without loading the heavy packages: issue 7 wants
// start-up under 300 ms, and every schema (zod), YAML, zip or submission library loaded costs
// tens of milliseconds before the first line. Speed itself is measured by hand, not here: what a
// test can check for sure is what was loaded.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { moduleLog } from '../support/module-log.js';

const HEAVY = [
  'zod',
  'yaml',
  'yauzl',
  're2js',
  'cli-progress',
  '@inquirer/prompts',
  'systeminformation',
  'picomatch',
  'diff',
  'axios',
  'nodemailer',
  'ssh2',
  'openpgp',
];

describe('casepack start-up', () => {
  it('--help lists every command and loads none of the heavy packages', async () => {
    const log = await moduleLog();
    const r = await runCli(['--help'], { env: log.env });
    expect(r.code, r.stderr).toBe(0);
    for (const c of ['collect', 'case', 'submit', 'outbox', 'verify', 'serve'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const { modules, packages } = await log.read();
    // The hook saw the command line parser and every command's module...
    expect(packages).toContain('commander');
    expect(modules.some((m) => m.endsWith('/dist/cli/commands/submit.js'))).toBe(true);
    // ...and none of what only a command's action needs.
    expect([...packages].filter((p) => HEAVY.includes(p))).toEqual([]);
    expect(modules.filter((m) => m.endsWith('/dist/core/node/service.js'))).toEqual([]);
  });

  it("a subcommand's --help and a usage error load none of them either", async () => {
    for (const args of [['submit', '--help'], ['case', 'new', '--help'], ['nosuch']]) {
      const log = await moduleLog();
      const r = await runCli(args, { env: log.env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(args[0] === 'nosuch' ? 2 : 0);
      const { packages } = await log.read();
      expect(
        [...packages].filter((p) => HEAVY.includes(p)),
        args.join(' '),
      ).toEqual([]);
    }
  });
});
