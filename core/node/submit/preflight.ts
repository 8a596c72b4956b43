// Before anything leaves the machine: the bundle must be a sound casepack bundle (checksums, leak
// check, by verifyBundle) and the case complete for its type (core/common/case). Only missing
// required fields block; what the bundle lacks for the case type (logs, a system report) is a
// warning, the same collect gives (core/common/case/artifacts.ts).
import path from 'node:path';
import type { z } from 'zod';
import type { submitArgsSchema } from '../../common/api/submit.js';
import { checkArtifacts } from '../../common/case/artifacts.js';
import { checkCase, formatProblem } from '../../common/case/check.js';
import type { Case } from '../../common/case/schema.js';
import { targetRules } from '../../common/case/target.js';
import { CasepackError } from '../../common/errors.js';
import { manifestSchema } from '../../common/manifest/schema.js';
import type { Target } from '../../common/targets/schema.js';
import { loadCaseFile, parseCaseData } from '../case/file.js';
import { applyCaseFlags } from '../case/flags.js';
import { IncompleteCaseError } from './errors.js';
import type { BundleFacts } from './bundle-file.js';
import { readBundleText } from './bundle-file.js';
import { MANIFEST_CAP, verifyBundle } from '../bundle/verify.js';

type Args = z.output<typeof submitArgsSchema>;

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

/**
 * What the bundle lacks for the case (its manifest against the case type's required artifacts, and
 * the time window against when the problem started): one line each, worded as collect words them.
 * A manifest that cannot be read gives none here: verifyBundle refuses such a bundle anyway.
 */
export async function artifactWarnings(bundlePath: string, c: Case): Promise<string[]> {
  const text = await readBundleText(bundlePath, 'manifest.json', MANIFEST_CAP);
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    return [];
  }
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) return [];
  return checkArtifacts(c, manifest.data).warnings.map((w) => `case: ${w.message}`);
}

/** Refuse what must not be sent; return what should be said before it is sent (warnings). */
export async function preflight(
  bundle: BundleFacts,
  c: Case,
  name: string,
  target: Target,
): Promise<string[]> {
  // The bundle's own check (every entry against its manifest, and the leak check), as
  // `casepack verify` runs it.
  const report = await verifyBundle(bundle.path);
  if (!report.ok) {
    const leak = report.problems.some((p) => p.code === 'leak');
    const shown = report.problems
      .slice(0, 10)
      .map((p) => `  ${p.entry ? `${p.entry}: ` : ''}${p.message}`);
    const more =
      report.problems.length > shown.length
        ? `\n  ... and ${report.problems.length - shown.length} more`
        : '';
    throw new CasepackError(
      leak ? 'leak' : 'verify',
      `${bundle.name} failed its check (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}); nothing was sent:\n${shown.join('\n')}${more}\n(\`casepack verify ${bundle.path}\` shows the same)`,
      bundle.path,
    );
  }
  const check = checkCase(c, { target: targetRules(name, target) });
  if (!check.complete)
    throw new IncompleteCaseError(
      `the case is not complete for ${check.type ? `a ${check.type} case` : 'submission'}; nothing was sent. Missing:\n` +
        check.missing.map((p) => `  ${formatProblem(p)}`).join('\n') +
        `\n(fix the case file and run again, or check it with \`casepack case check\`)`,
    );
  return artifactWarnings(bundle.path, c);
}
