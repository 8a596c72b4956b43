// One prompt per case field, chosen by the field's input kind (core/common/case/fields.ts), with
// the value casepack already knows as the default. Required fields cannot be left empty.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { confirm, input, select } from '@inquirer/prompts';
import { CONTACT_CHANNEL_LABELS, FREQUENCY_LABELS } from '../../core/common/case/definitions.js';
import { CASE_FIELDS, type CaseFieldKey } from '../../core/common/case/fields.js';
import type { Need } from '../../core/common/case/rules.js';
import type { CaseAttachment } from '../../core/common/case/schema.js';
import { parseCaseTime } from '../../core/common/case/time.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function label(key: CaseFieldKey, need: Need): string {
  const f = CASE_FIELDS[key];
  return `${f.label}${need === 'recommended' ? ' (optional)' : ''}${f.hint ? ` [${f.hint}]` : ''}`;
}

function textValidator(key: CaseFieldKey, need: Need) {
  const kind = CASE_FIELDS[key].input;
  return (v: string): string | true => {
    const s = v.trim();
    if (!s) return need === 'required' ? `${CASE_FIELDS[key].label} is required` : true;
    if (kind === 'email' && !EMAIL.test(s)) return 'that is not an e-mail address';
    if (kind === 'phone' && (s.match(/\d/g)?.length ?? 0) < 5)
      return 'that does not look like a phone number';
    if (kind === 'datetime' && parseCaseTime(s) === undefined)
      return 'write a date and time like 2026-11-27 09:30 (local time) or 2026-11-27T09:30Z';
    return true;
  };
}

/** Several lines, one prompt each, ended by an empty line. Steps are numbered. */
async function askLines(
  key: CaseFieldKey,
  need: Need,
  current?: string,
): Promise<string | undefined> {
  if (current?.trim()) {
    const shown = current.length > 300 ? `${current.slice(0, 300)}...` : current;
    process.stdout.write(`${CASE_FIELDS[key].label} so far:\n${shown}\n`);
    if (
      await confirm({
        message: `Keep this ${CASE_FIELDS[key].label.toLowerCase()}?`,
        default: true,
      })
    )
      return current;
  }
  const steps = key === 'stepsToReproduce';
  process.stdout.write(
    `${label(key, need)}: ${steps ? 'one step per line' : 'type the text'}; an empty line ends it.\n`,
  );
  const lines: string[] = [];
  for (;;) {
    const first = lines.length === 0;
    const line = await input({
      message: steps ? `Step ${lines.length + 1}:` : first ? `${CASE_FIELDS[key].label}:` : '...',
      validate: (v) =>
        first && need === 'required' && !v.trim() ? `${CASE_FIELDS[key].label} is required` : true,
    });
    if (!line.trim()) break;
    lines.push(steps ? `${lines.length + 1}. ${line.trim()}` : line);
  }
  return lines.length ? lines.join('\n') : undefined;
}

async function askChoice(
  key: CaseFieldKey,
  need: Need,
  current?: string,
): Promise<string | undefined> {
  const labels: Record<string, string> =
    key === 'frequency' ? FREQUENCY_LABELS : CONTACT_CHANNEL_LABELS;
  const choices = Object.entries(labels).map(([value, name]) => ({ value, name }));
  if (need !== 'required') choices.push({ value: '', name: '(skip)' });
  const v = await select({
    message: label(key, need),
    choices,
    default: current ?? choices[0]!.value,
  });
  return v || undefined;
}

async function askFiles(
  current: CaseAttachment[] | undefined,
): Promise<CaseAttachment[] | undefined> {
  const answer = await input({
    message: label('attachments', 'recommended'),
    default: current?.map((a) => a.path).join(', '),
    validate: async (v) => {
      for (const p of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const st = await stat(p).catch(() => undefined);
        if (!st) return `${p}: no such file`;
        if (!st.isFile() && !st.isDirectory()) return `${p}: not a file or folder`;
      }
      return true;
    },
  });
  const paths = answer
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return paths.length ? paths.map((p) => ({ path: path.resolve(p) })) : undefined;
}

/** Ask for one field; returns the value to store (undefined: not given). */
export async function askField(key: CaseFieldKey, need: Need, current: unknown): Promise<unknown> {
  const kind = CASE_FIELDS[key].input;
  if (kind === 'lines') return askLines(key, need, current as string | undefined);
  if (kind === 'choice') return askChoice(key, need, current as string | undefined);
  if (kind === 'files') return askFiles(current as CaseAttachment[] | undefined);
  if (kind === 'list') {
    const v = await input({
      message: label(key, need),
      default: Array.isArray(current) ? current.join(', ') : undefined,
    });
    const items = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  }
  const v = await input({
    message: label(key, need),
    default: typeof current === 'string' && current ? current : undefined,
    validate: textValidator(key, need),
  });
  return v.trim() || undefined;
}
