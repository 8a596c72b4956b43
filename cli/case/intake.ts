// `casepack case new`: the interactive intake on a terminal. Short prompts, what casepack knows
// pre-filled (remembered contact, detected platform, an existing case file), the severity
// definitions shown where one is chosen, and only the fields the case type needs or recommends.
import { access } from 'node:fs/promises';
import { confirm, select } from '@inquirer/prompts';
import { checkCase } from '../../core/common/case/check.js';
import { applyCasePatch } from '../../core/common/case/set-fields.js';
import { CASE_TYPE_INFO, SEVERITY_INFO } from '../../core/common/case/definitions.js';
import {
  CASE_FIELD_KEYS,
  fieldValue,
  isGiven,
  type CaseFieldKey,
} from '../../core/common/case/fields.js';
import { fieldNeeds } from '../../core/common/case/rules.js';
import {
  CASE_TYPES,
  SEVERITIES,
  type Case,
  type CaseType,
  type Severity,
} from '../../core/common/case/schema.js';
import { CasepackError } from '../../core/common/errors.js';
import { EXIT } from '../../core/common/exit-codes.js';
import { REMEMBERED_CONTACT_KEYS } from '../../core/node/case/contact.js';
import { loadCaseFile, saveCaseFile } from '../../core/node/case/file.js';
import type { NewOpts } from '../commands/case.js';
import type { CliContext } from '../context.js';
import { say } from '../output.js';
import { askField } from './prompts.js';

/** Fields asked before the per-type loop, or never asked here. */
const ASKED_FIRST = new Set<CaseFieldKey>([
  'mode',
  'caseNumber',
  'referenceId',
  'type',
  'severity',
]);

function setField(c: Case, key: CaseFieldKey, value: unknown): void {
  const parts = key.split('.');
  let obj = c as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    obj[p] ??= {};
    obj = obj[p] as Record<string, unknown>;
  }
  const leaf = parts[parts.length - 1]!;
  if (value === undefined) delete obj[leaf];
  else obj[leaf] = value;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

async function askModeAndNumbers(c: Case, opts: NewOpts): Promise<void> {
  if (opts.case !== undefined || opts.ref !== undefined) {
    c.mode = 'update';
    if (opts.case !== undefined) c.caseNumber = opts.case;
    if (opts.ref !== undefined) c.referenceId = opts.ref;
  } else {
    const update = await confirm({
      message: 'Is this an update to a case you already have?',
      default: c.mode === 'update',
    });
    c.mode = update ? 'update' : 'new';
  }
  if (c.mode !== 'update') {
    delete c.caseNumber;
    delete c.referenceId;
    return;
  }
  if (!c.caseNumber)
    c.caseNumber = (await askField('caseNumber', 'required', c.caseNumber)) as string;
  if (opts.ref === undefined)
    c.referenceId = (await askField('referenceId', 'recommended', c.referenceId)) as
      string | undefined;
}

async function askType(c: Case, opts: NewOpts): Promise<CaseType> {
  if (opts.type) return opts.type as CaseType;
  return select<CaseType>({
    message: 'What kind of case is it?',
    choices: CASE_TYPES.map((t) => ({
      value: t,
      name: CASE_TYPE_INFO[t].label,
      description: CASE_TYPE_INFO[t].help,
    })),
    default: c.type,
  });
}

async function askSeverity(c: Case): Promise<Severity> {
  line('\nSeverity: pick the one whose description fits best.');
  for (const s of SEVERITIES) line(`  ${SEVERITY_INFO[s].label}: ${SEVERITY_INFO[s].definition}`);
  line();
  return select<Severity>({
    message: 'Severity',
    choices: SEVERITIES.map((s) => ({
      value: s,
      name: SEVERITY_INFO[s].label,
      description: SEVERITY_INFO[s].definition,
    })),
    default: c.severity ?? (c.type === 'question' || c.type === 'enhancement' ? 'P4' : 'P3'),
  });
}

/** Offer a group of pre-filled values in one question ("Use these? Y/n"); true when accepted. */
async function offer(title: string, c: Case, keys: CaseFieldKey[]): Promise<boolean> {
  const given = keys.filter((k) => isGiven(fieldValue(c, k)));
  if (given.length === 0) return false;
  line(`\n${title}:`);
  for (const k of given) line(`  ${k}: ${String(fieldValue(c, k))}`);
  return confirm({ message: `Use these ${title.toLowerCase()}?`, default: true });
}

export async function runIntake(ctx: CliContext, opts: NewOpts, patch: Case = {}): Promise<number> {
  const svc = ctx.service();
  let c: Case = {};
  if (await exists(opts.out)) {
    c = await loadCaseFile(opts.out);
    say(`Continuing from ${opts.out}: its values are the defaults.`);
  }
  const defaults = await svc.caseDefaults({ profiles: opts.profile });
  const remembered = { ...defaults.contact };
  c.contact = { ...remembered, ...c.contact };
  c.platform = { ...defaults.platform, ...c.platform };
  if (defaults.product) c.product = { ...defaults.product, ...c.product };
  // `--set` wins over the file and what was detected or remembered; the prompts still show it.
  c = applyCasePatch(c, patch);

  line(
    'casepack case new: a few questions. Enter keeps the value shown; Ctrl-C stops without writing.',
  );
  try {
    await askModeAndNumbers(c, opts);
    c.type = await askType(c, opts);
    line(`${CASE_TYPE_INFO[c.type].label}: ${CASE_TYPE_INFO[c.type].help}`);
    c.severity = await askSeverity(c);

    const needs = fieldNeeds(c).filter((n) => n.need !== 'not-needed' && !ASKED_FIRST.has(n.key));
    const needed = new Map(needs.map((n) => [n.key, n.need] as const));
    const skip = new Set<CaseFieldKey>();
    const offered = new Set<string>();
    for (const key of CASE_FIELD_KEYS) {
      const need = needed.get(key);
      if (!need || skip.has(key)) continue;
      const group = key.split('.')[0]!;
      if (!offered.has(group) && (group === 'contact' || group === 'platform')) {
        offered.add(group);
        // Offered as a whole (one Enter) when casepack knows them; a contact only when it names
        // someone. Fields still empty are asked one by one below.
        const keys = CASE_FIELD_KEYS.filter((k) => k.startsWith(`${group}.`) && needed.has(k));
        const known =
          group === 'platform' || (isGiven(c.contact?.name) && isGiven(c.contact?.email));
        const title = group === 'contact' ? 'Contact details' : 'Platform details';
        if (known && (await offer(title, c, keys)))
          for (const k of keys) if (isGiven(fieldValue(c, k))) skip.add(k);
        if (skip.has(key)) continue;
      }
      setField(c, key, await askField(key, need, fieldValue(c, key)));
    }

    const changed = REMEMBERED_CONTACT_KEYS.some(
      (k) => isGiven(c.contact?.[k]) && c.contact?.[k] !== remembered[k],
    );
    if (
      changed &&
      (await confirm({ message: 'Remember your contact details for next time?', default: true }))
    ) {
      await svc.contactSet({ contact: c.contact ?? {} });
      say(`Contact details remembered in ${(await svc.settings()).file}`);
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'ExitPromptError')
      throw new CasepackError('cancelled', 'stopped: nothing was written');
    throw e;
  }

  const file = await saveCaseFile(opts.out, c, { overwrite: true });
  const check = checkCase(c);
  line(`\nWrote ${file}`);
  if (check.complete)
    line(
      `It has everything ${CASE_TYPE_INFO[c.type!].phrase} needs. Next:\n` +
        `  casepack collect --case-file ${opts.out}`,
    );
  else for (const p of check.missing) line(`  still missing: ${p.key}: ${p.message}. ${p.why}`);
  return check.complete ? EXIT.ok : EXIT.failed;
}
