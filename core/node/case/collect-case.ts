// The case in a collection (`casepack collect --case-file F`, `--case N --ref R`, or the UI's form):
// case.json holds it as written (never pseudonymised: the vendor needs the real contact; the leak
// check still reads it), the bundle name carries the case number of an update, the manifest knows
// mode, number, type and severity, report.html opens with it, and what it lacks for its type is a
// warning (never a failure: only a submission is refused for a missing required field).
import path from 'node:path';
import { checkArtifacts } from '../../common/case/artifacts.js';
import { checkCase, formatProblem } from '../../common/case/check.js';
import { isGiven } from '../../common/case/fields.js';
import { applyCasePatch, parseCaseSets } from '../../common/case/set-fields.js';
import type { Case } from '../../common/case/schema.js';
import type { Manifest } from '../../common/manifest/schema.js';
import type { CollectDeps } from '../collect/collect.js';
import { attachmentsPart } from './attachments-part.js';
import { CASE_REPORT_CSS, renderCaseSection } from './report.js';
import { loadCaseFile, parseCaseData } from './file.js';
import { applyCaseFlags } from './flags.js';

export interface CollectCaseArgs {
  caseFile?: string | undefined;
  case?: unknown;
  caseNumber?: string | undefined;
  referenceId?: string | undefined;
  /** `--set FIELD=VALUE` assignments, applied over the case (or making one on their own). */
  set?: string[] | undefined;
  /** Relative case files are read from here. */
  cwd?: string | undefined;
}

/** Where report.html puts the case: first, before the overview (L1 reads the case before the host). */
export const CASE_REPORT_ORDER = -10;

export interface CollectCase {
  case: Case;
  /** Where relative attachment paths are read from: the case file's folder, else `cwd`. */
  baseDir: string;
}

/** The case of a collection, or undefined when none was given. A broken case file is an error. */
export async function loadCollectCase(a: CollectCaseArgs): Promise<CollectCase | undefined> {
  const cwd = path.resolve(a.cwd ?? process.cwd());
  // The assignments first: a wrong field is a usage error before any file is read.
  const patch = a.set?.length ? parseCaseSets(a.set) : undefined;
  let c: Case | undefined;
  let baseDir = cwd;
  if (a.case !== undefined) c = parseCaseData(a.case, 'the case');
  else if (a.caseFile) {
    const file = path.resolve(cwd, a.caseFile);
    c = await loadCaseFile(file);
    baseDir = path.dirname(file);
  }
  if (patch) c = applyCasePatch(c ?? {}, patch);
  if (a.caseNumber === undefined && a.referenceId === undefined)
    return c ? { case: c, baseDir } : undefined;
  const flagged = applyCaseFlags(c ?? {}, {
    ...(a.caseNumber !== undefined ? { caseNumber: a.caseNumber } : {}),
    ...(a.referenceId !== undefined ? { referenceId: a.referenceId } : {}),
  });
  return { case: flagged, baseDir };
}

/** What the manifest records of the case: enough to route the bundle, nothing personal. */
export function caseManifest(c: Case): NonNullable<Manifest['case']> {
  const update = c.mode === 'update';
  return {
    mode: update ? 'update' : 'new',
    ...(update && isGiven(c.caseNumber) ? { caseNumber: c.caseNumber! } : {}),
    ...(update && isGiven(c.referenceId) ? { referenceId: c.referenceId! } : {}),
    ...(c.type ? { type: c.type } : {}),
    ...(c.severity ? { severity: c.severity } : {}),
  };
}

/** Warnings for what the case lacks: each missing required field and artifact, and why L1 needs it. */
export function caseWarnings(c: Case, manifest: Pick<Manifest, 'items' | 'window'>): string[] {
  const check = checkCase(c);
  // `case check`'s own lines, so the user sees the same words before a submission refuses it.
  const out = check.missing.map((p) => `case: ${formatProblem(p)}`);
  if (check.missing.length)
    out.push(
      `case: ${check.missing.length} required field${check.missing.length === 1 ? '' : 's'} missing; ` +
        'the bundle is written, but a submission is refused until the case file has them',
    );
  for (const w of check.warnings) out.push(`case: ${w.key ? `${w.key}: ` : ''}${w.message}`);
  for (const w of checkArtifacts(c, manifest).warnings) out.push(`case: ${w.message}`);
  return out;
}

/**
 * `deps` with the case wired in: case.json, bundle name, manifest, warnings, report section, and
 * the files the case attaches (before the other parts).
 */
export function withCase(deps: CollectDeps, { case: c, baseDir }: CollectCase): CollectDeps {
  const m = caseManifest(c);
  return {
    ...deps,
    parts: c.attachments?.length
      ? [attachmentsPart(c.attachments, baseDir, deps.forbid), ...deps.parts]
      : deps.parts,
    caseJson: c,
    ...(m.caseNumber ? { caseNumber: m.caseNumber } : {}),
    caseManifest: m,
    caseWarnings: (manifest) => caseWarnings(c, manifest),
    renderReport: (o) => {
      const s = renderCaseSection(c, checkCase(c), checkArtifacts(c, o.manifest));
      return deps.renderReport({
        ...o,
        sections: [...o.sections, { ...s, order: CASE_REPORT_ORDER, css: CASE_REPORT_CSS }],
      });
    },
  };
}
