// `casepack targets`: the configured submission targets; `targets trust NAME`: first use of an SFTP
// drop box (show the host key's fingerprint, ask, remember).
import type { Command } from 'commander';
import { EXIT } from '../../core/common/exit-codes.js';
import type { CliContext } from '../context.js';
import { action, printJson, say } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('targets').description('submission targets from the settings file');
  cmd
    .command('list', { isDefault: true })
    .description('list the targets (no credentials are shown)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { json?: boolean }) => {
        const targets = await ctx.service().listTargets({});
        if (opts.json) return printJson({ targets });
        if (!targets.length)
          process.stdout.write('no targets configured (see docs/submission.md)\n');
        for (const t of targets)
          process.stdout.write(
            `${t.name}${t.isDefault ? ' (default)' : ''}  ${t.type}  ${t.where}${t.largeFiles ? `  large files -> ${t.largeFiles}` : ''}${t.encrypted ? '  encrypted' : ''}\n`,
          );
      }),
    );
  cmd
    .command('trust')
    .description(
      "show an SFTP server's host key and remember it once you confirmed its fingerprint",
    )
    .argument('<name>', 'the sftp target')
    .option(
      '--fingerprint <fp>',
      'the SHA256:... fingerprint the vendor published (no question asked)',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (name: string, opts: { fingerprint?: string; json?: boolean }) => {
        const service = ctx.service();
        const info = await service.hostKey({ target: name });
        let fingerprint = opts.fingerprint;
        if (!fingerprint && (info.trust === 'pinned' || info.trust === 'remembered')) {
          if (opts.json) printJson(info);
          else
            say(
              `${name}: ${info.algorithm} ${info.fingerprint} is already trusted (${info.trust})`,
            );
          return EXIT.ok;
        }
        if (!fingerprint) {
          if (!process.stdin.isTTY) {
            say(
              `${name} (${info.host}:${info.port}) presents ${info.algorithm} ${info.fingerprint}.\n` +
                `Compare it with the fingerprint your vendor published, then run:\n  casepack targets trust ${name} --fingerprint ${info.fingerprint}`,
            );
            return EXIT.failed;
          }
          const { confirm } = await import('@inquirer/prompts');
          const ok = await confirm({
            message: `${info.host}:${info.port} presents ${info.algorithm} ${info.fingerprint}${info.trust === 'mismatch' ? ' (A DIFFERENT KEY than the one trusted before!)' : ''}. Is this the fingerprint your vendor published?`,
            default: false,
          });
          if (!ok) return EXIT.failed;
          fingerprint = info.fingerprint;
        }
        const trusted = await service.trustHostKey({ target: name, fingerprint });
        if (opts.json) printJson(trusted);
        else say(`${name}: remembered ${trusted.algorithm} ${trusted.fingerprint}`);
      }),
    );
}
