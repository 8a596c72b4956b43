// The case methods of the service (core/common/api/case.ts): one plain-object argument each,
// validated here, plain JSON back. CasepackService delegates to these.
import type { z } from 'zod';
import {
  CASE_API_ARGS,
  type CaseCheckReply,
  type CaseDefaultsReply,
  type CaseDefinitionsReply,
  type CaseLoadReply,
  type CaseSaveReply,
  type ContactReply,
} from '../../common/api/case.js';
import { checkCase } from '../../common/case/check.js';
import {
  CASE_TYPE_INFO,
  CONTACT_CHANNEL_LABELS,
  FREQUENCY_LABELS,
  SEVERITY_INFO,
} from '../../common/case/definitions.js';
import { CASE_FIELDS } from '../../common/case/fields.js';
import { artifactNeeds, fieldNeeds, type CaseTargetRules } from '../../common/case/rules.js';
import { CASE_TYPES, type CaseType } from '../../common/case/schema.js';
import { targetRules } from '../../common/case/target.js';
import { CasepackError } from '../../common/errors.js';
import { parseApiArgs } from '../api-args.js';
import type { LoadedSettings } from '../settings/store.js';
import { rememberContact, rememberedContact } from './contact.js';
import { detectCaseDefaults } from './detect.js';
import { loadCaseFile, saveCaseFile } from './file.js';

export interface CaseServiceContext {
  settings(): Promise<LoadedSettings>;
  reloadSettings(): Promise<LoadedSettings>;
}

type Args<K extends keyof typeof CASE_API_ARGS> = z.input<(typeof CASE_API_ARGS)[K]>;

const parse = <K extends keyof typeof CASE_API_ARGS>(method: K, args: unknown) =>
  parseApiArgs(method, CASE_API_ARGS[method], args) as z.output<(typeof CASE_API_ARGS)[K]>;

/** The rules of a configured target (unknown name: a clear error listing the known ones). */
export async function caseTargetRules(
  ctx: CaseServiceContext,
  name: string | undefined,
): Promise<CaseTargetRules | undefined> {
  if (!name) return undefined;
  const { settings, file } = await ctx.settings();
  const t = settings.targets?.[name];
  if (!t) {
    const known = Object.keys(settings.targets ?? {});
    throw new CasepackError(
      'usage',
      `no target "${name}" in ${file}${known.length ? ` (known: ${known.join(', ')})` : ''}`,
    );
  }
  return targetRules(name, t);
}

export async function caseCheck(
  ctx: CaseServiceContext,
  args: Args<'caseCheck'>,
): Promise<CaseCheckReply> {
  const a = parse('caseCheck', args);
  return checkCase(a.case, { target: await caseTargetRules(ctx, a.target) });
}

export async function caseLoad(
  _ctx: CaseServiceContext,
  args: Args<'caseLoad'>,
): Promise<CaseLoadReply> {
  const a = parse('caseLoad', args);
  return { file: a.file, case: await loadCaseFile(a.file) };
}

export async function caseSave(
  _ctx: CaseServiceContext,
  args: Args<'caseSave'>,
): Promise<CaseSaveReply> {
  const a = parse('caseSave', args);
  return { file: await saveCaseFile(a.file, a.case, { overwrite: a.overwrite }) };
}

export async function caseDefaults(
  ctx: CaseServiceContext,
  args: Args<'caseDefaults'>,
): Promise<CaseDefaultsReply> {
  parse('caseDefaults', args);
  const [{ settings }, detected] = await Promise.all([ctx.settings(), detectCaseDefaults()]);
  const contact = rememberedContact(settings);
  if (!contact.timeZone && detected.timeZone) contact.timeZone = detected.timeZone;
  return {
    contact,
    platform: detected.platform,
    ...(detected.product ? { product: detected.product } : {}),
    notes: detected.notes,
  };
}

export async function contactGet(
  ctx: CaseServiceContext,
  args: Args<'contactGet'>,
): Promise<ContactReply> {
  parse('contactGet', args);
  return { contact: rememberedContact((await ctx.settings()).settings) };
}

export async function contactSet(
  ctx: CaseServiceContext,
  args: Args<'contactSet'>,
): Promise<ContactReply> {
  const a = parse('contactSet', args);
  const s = await ctx.settings();
  const contact = await rememberContact(s.file, s.settings, a.contact);
  await ctx.reloadSettings();
  return { contact };
}

export function caseDefinitions(args: Args<'caseDefinitions'> = {}): CaseDefinitionsReply {
  parse('caseDefinitions', args);
  const rules = {} as CaseDefinitionsReply['rules'];
  for (const type of CASE_TYPES as readonly CaseType[])
    rules[type] = { fields: fieldNeeds({ type }), artifacts: artifactNeeds(type) };
  return {
    types: Object.values(CASE_TYPE_INFO),
    severities: Object.values(SEVERITY_INFO),
    fields: Object.values(CASE_FIELDS),
    channels: Object.entries(CONTACT_CHANNEL_LABELS).map(([key, label]) => ({ key, label })),
    frequencies: Object.entries(FREQUENCY_LABELS).map(([key, label]) => ({ key, label })),
    rules,
  };
}
