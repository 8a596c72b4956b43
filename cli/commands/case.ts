// `casepack case new|check|show|template`: fill in a case, and see what it still needs and why.
import type { Command } from 'commander';
import { CASE_TYPE_INFO } from '../../core/common/case/definitions.js';
import type { CaseType } from '../../core/common/case/schema.js';
import { CASE_TYPES } from '../../core/common/case/types.js';
import { CasepackError } from '../../core/common/errors.js';
import { EXIT } from '../../core/common/exit-codes.js';
import type { CliContext } from '../context.js';
import { action, printJson, say, warn } from '../output.js';

interface CaseFileOpts {
  target?: string;
  case?: string;
  ref?: string;
  json?: boolean;
}

async function loadWithFlags(ctx: CliContext, file: string, opts: CaseFileOpts) {
  const { loadCaseFile } = await import('../../core/node/case/file.js');
  const { applyCaseFlags } = await import('../../core/node/case/flags.js');
  const c = applyCaseFlags(await loadCaseFile(file), {
    caseNumber: opts.case,
    referenceId: opts.ref,
  });
  const check = await ctx.service().caseCheck({ case: c, target: opts.target });
  return { c, check };
}

const typeName = (t: CaseType | undefined) => (t ? CASE_TYPE_INFO[t].phrase : 'a case');

function caseFileOptions(cmd: Command): Command {
  return cmd
    .option('--target <name>', "apply that target's case-number and reference-ID rules")
    .option('--case <number>', 'an existing case number (makes the case an update)')
    .option('--ref <id>', "the existing case's reference ID")
    .option('--json', 'print one JSON object');
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('case')
    .description('fill in a case (new), and check what it still needs and why (check, show)');

  caseFileOptions(
    cmd
      .command('check')
      .argument('<file>', 'case file (YAML or JSON)')
      .description(
        'exit 0 when the case has every field its type requires; else one line per missing field, saying why L1 needs it',
      ),
  ).action(
    action(async (file: string, opts: CaseFileOpts) => {
      const { c, check } = await loadWithFlags(ctx, file, opts);
      if (opts.json) printJson({ file, ...check });
      else {
        const { formatProblem } = await import('../../core/common/case/check.js');
        for (const p of check.missing) process.stdout.write(`${formatProblem(p)}\n`);
        for (const w of check.warnings) warn(`${w.key ? `${w.key}: ` : ''}${w.message}`);
        const what = `${typeName(c.type)}${c.severity ? ` (${c.severity})` : ''}`;
        say(
          check.complete
            ? `${file}: complete for ${what}`
            : `${file}: ${check.missing.length} required field${check.missing.length === 1 ? '' : 's'} missing or unusable for ${what}`,
        );
      }
      return check.complete ? EXIT.ok : EXIT.failed;
    }),
  );

  caseFileOptions(
    cmd
      .command('show')
      .argument('<file>', 'case file (YAML or JSON)')
      .description('print the case as L1 will read it, with what is missing and recommended'),
  ).action(
    action(async (file: string, opts: CaseFileOpts) => {
      const { c, check } = await loadWithFlags(ctx, file, opts);
      if (opts.json) {
        printJson({ file, case: c, check });
        return;
      }
      const { renderCaseText } = await import('../case/render-text.js');
      process.stdout.write(renderCaseText(c, check));
    }),
  );

  cmd
    .command('new')
    .description('fill in a case interactively (needs a terminal) and write it to a case file')
    .option('--out <file>', 'where to write the case', 'case.yaml')
    .option('--type <type>', `case type: ${CASE_TYPES.join(', ')}`)
    .option(
      '--profile <name|file>',
      'profile whose product facts are pre-filled (repeatable)',
      collect,
      [],
    )
    .option('--case <number>', 'an existing case number (the case becomes an update)')
    .option('--ref <id>', "the existing case's reference ID")
    .option(
      '--set <field=value>',
      'pre-fill a case field (dotted, e.g. contact.email=a@b.example); repeatable',
      collect,
      [],
    )
    .action(
      action(async (opts: NewOpts) => {
        // Checked before the terminal is: a wrong field is a usage error either way.
        const { parseCaseSets } = await import('../../core/common/case/set-fields.js');
        const patch = parseCaseSets(opts.set);
        if (!process.stdin.isTTY || !process.stdout.isTTY)
          throw new CasepackError(
            'usage',
            'casepack case new asks questions and needs a terminal; without one, write the case file yourself (`casepack case template --type TYPE` prints a skeleton, docs/cases.md explains every field)',
          );
        if (opts.type && !(CASE_TYPES as readonly string[]).includes(opts.type))
          throw new CasepackError(
            'usage',
            `--type ${opts.type}: use one of ${CASE_TYPES.join(', ')}`,
          );
        const { runIntake } = await import('../case/intake.js');
        return runIntake(ctx, opts, patch);
      }),
    );

  cmd
    .command('template')
    .description('print a commented case file for a case type, to fill in by hand')
    .option('--type <type>', `case type: ${CASE_TYPES.join(', ')}`, 'product-error')
    .option('--severity <P1..P4>', 'severity (P1 adds the fields a P1 needs)')
    .action(
      action(async (opts: { type: string; severity?: string }) => {
        const { caseTemplate } = await import('../case/template.js');
        process.stdout.write(caseTemplate(opts.type, opts.severity));
      }),
    );
}

export interface NewOpts {
  out: string;
  type?: string;
  profile: string[];
  case?: string;
  ref?: string;
  /** `--set FIELD=VALUE` assignments: the prompts' defaults. */
  set: string[];
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}
