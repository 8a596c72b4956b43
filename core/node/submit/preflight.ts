// Before anything leaves the machine: the bundle must be a sound casepack bundle (checksums, leak
// check) and the case complete for its type (core/common/case). Only missing required fields block.
import path from 'node:path';
import type { z } from 'zod';
import type { submitArgsSchema } from '../../common/api/submit.js';
import { checkCase, formatProblem } from '../../common/case/check.js';
import type { Case } from '../../common/case/schema.js';
import { targetRules } from '../../common/case/target.js';
import { CasepackError } from '../../common/errors.js';
import type { Target } from '../../common/targets/schema.js';
import { loadCaseFile, parseCaseData } from '../case/file.js';
import { applyCaseFlags } from '../case/flags.js';
import type { BundleFacts } from './bundle-file.js';
import { readBundleText } from './bundle-file.js';

type Args = z.output<typeof submitArgsSchema>;

/** The case is missing what its type requires: a check failed (exit 1), nothing was sent. */
export class IncompleteCaseError extends CasepackError {
  constructor(message: string) {
    super('case', message);
    this.name = 'IncompleteCaseError';
  }
}

/** The case to send: given data, else a case file, else the bundle's case.json; then --case/--ref. */
export async function loadCaseForSubmit(args: Args, bundlePath: string): Promise<Case> {
  let c: Case;
  if (args.case) c = parseCaseData(args.case, 'the case');
  else if (args.caseFile) c = await loadCaseFile(args.caseFile);
  else {
    const name = `case.json in ${path.basename(bundlePath)}`;
    const text = await readBundleText(bundlePath, 'case.json');
    c = parseCaseData(parseJson(text, name, bundlePath), name);
  }
  return applyCaseFlags(c, {
    ...(args.caseNumber !== undefined ? { caseNumber: String(args.caseNumber) } : {}),
    ...(args.referenceId !== undefined ? { referenceId: args.referenceId } : {}),
  });
}

function parseJson(text: string | undefined, name: string, bundlePath: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new CasepackError('verify', `${name} is not JSON: the bundle is damaged`, bundlePath);
  }
}

/** Refuse what must not be sent. */
export async function preflight(
  bundle: BundleFacts,
  c: Case,
  name: string,
  target: Target,
): Promise<void> {
  const manifest = await readBundleText(bundle.path, 'manifest.json');
  if (!manifest)
    throw new CasepackError(
      'verify',
      `${bundle.name} is not a casepack bundle (it has no manifest.json); nothing was sent`,
      bundle.path,
    );
  const check = checkCase(c, { target: targetRules(name, target) });
  if (!check.complete)
    throw new IncompleteCaseError(
      `the case is not complete for ${check.type ? `a ${check.type} case` : 'submission'}; nothing was sent. Missing:\n` +
        check.missing.map((p) => `  ${formatProblem(p)}`).join('\n') +
        `\n(fix the case file and run again, or check it with \`casepack case check\`)`,
    );
}
