// Case files (YAML or JSON, which is YAML): read with errors naming the field and the line, and
// written in a stable, readable order with multi-line text as block literals.
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { CasepackError } from '../../common/errors.js';
import { caseSchema, type Case, type CaseInput } from '../../common/case/schema.js';
import { loadYamlFile, parseYaml } from '../yaml-file.js';

const WHAT = 'case file';

/** Load and validate a case file. Unknown fields and wrong types fail with file, line and key. */
export async function loadCaseFile(file: string): Promise<Case> {
  try {
    return await loadYamlFile(path.resolve(file), caseSchema, {
      what: WHAT,
      code: 'case',
      numbersAsText: true,
    });
  } catch (e) {
    // A case file that is not there is a case-file problem like any other (exit 4), not "internal".
    if (e instanceof CasepackError && e.code === 'not-found')
      throw new CasepackError('case', e.message, e.where);
    throw e;
  }
}

/** The same, for text already in hand (e.g. pasted into the UI). */
export function parseCaseText(text: string, name = 'case'): Case {
  return parseYaml(text, caseSchema, { file: name, what: WHAT, code: 'case', numbersAsText: true });
}

/** Validate a case that arrived as data (API, flags); errors name the field. */
export function parseCaseData(data: unknown, name = 'case'): Case {
  const r = caseSchema.safeParse(data ?? {});
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new CasepackError('case', `invalid ${name}:\n${lines.join('\n')}`, name);
}

const HEADER =
  ' casepack case file (docs/cases.md).\n' +
  ' `casepack case check FILE` says what is still missing for its case type, and why.';

/** Drop empty parts so the file holds only what was given. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(prune) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  return v ?? undefined;
}

/** Key order of the written file: the order of the schema, which is the order of the form. */
function ordered(c: Case): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(caseSchema.shape)) {
    const v = prune((c as Record<string, unknown>)[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The YAML text of a case, as `casepack case new` writes it. */
export function caseToYaml(c: Case | CaseInput): string {
  const doc = new Document(ordered(caseSchema.parse(c)));
  doc.commentBefore = HEADER;
  return doc.toString({ blockQuote: 'literal', lineWidth: 0 });
}

/**
 * Write a case file atomically (temporary file, then rename). Refuses to replace an existing file
 * unless `overwrite`, so a case someone wrote by hand is never lost.
 */
export async function saveCaseFile(
  file: string,
  c: Case | CaseInput,
  opts: { overwrite?: boolean } = {},
): Promise<string> {
  const target = path.resolve(file);
  const text = caseToYaml(c);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (!opts.overwrite) {
      // link() fails when the target exists, which rename() would silently replace.
      await link(tmp, target).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST')
          throw new CasepackError('case', `${target} exists already (not replaced)`, target);
        throw e;
      });
      await rm(tmp, { force: true });
    } else await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof CasepackError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new CasepackError(
      err.code === 'EACCES' ? 'permission' : 'io',
      `cannot write case file ${target}: ${err.code ?? err.message}`,
      target,
    );
  }
  return target;
}
