// `casepack`: argv -> service. Heavy modules are imported inside command actions so that
// `casepack --help` starts fast.
import { Command } from 'commander';
import { EXIT } from '../core/common/exit-codes.js';
import { toolVersion } from '../core/node/version.js';
import { COMMANDS } from './commands/index.js';
import { createContext } from './context.js';

export function buildProgram(): Command {
  const program = new Command('casepack')
    .description('Collect, redact, bundle and submit a support case.')
    .version(toolVersion(), '-V, --version')
    .option('--config <file>', 'settings file (else CASEPACK_CONFIG, else the per-user default)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (s, write) => write(s) })
    .exitOverride();
  const ctx = createContext(program);
  for (const register of COMMANDS) register(program, ctx);
  program.addHelpText(
    'after',
    `
Exit codes:
  0  success (collect: a bundle was written, even if some items failed)
  1  a check failed (verify mismatch or leak, incomplete case)
  2  bad command line
  3  collect: no bundle could be written
  4  invalid settings, profile or case file
  5  submit: the target did not confirm the bundle
 70  internal error
130  interrupted`,
  );
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      err.code === 'commander.help'
    )
      process.exit(EXIT.ok);
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) process.exit(EXIT.usage);
    throw e;
  }
}

void main();
