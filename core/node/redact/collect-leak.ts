// The leak check of a collection, run once its bundle is written: every entry is read back and
// scanned (leak-check.ts). Nothing found: the bundle stands as written. Anything found: the bundle
// is rewritten in place with the findings in its manifest (`redaction.leaks`) and a warning at the
// top of report.html, so that it carries its own verdict wherever it is copied: `casepack verify`
// fails on it, and no submitter sends it (their preflight runs verify).
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { CasepackError, errorMessage } from '../../common/errors.js';
import type { Manifest } from '../../common/manifest/schema.js';
import { META_NAMES, openBundle } from '../bundle/bundle-writer.js';
import { openZip } from '../review/zip-reader.js';
import { scanBundleForLeaks, type LeakCheckOptions } from './leak-check.js';
import type { BundleCheck, LeakFinding } from './types.js';

export interface WrittenBundle {
  bundle: string;
  /** The manifest as given to the bundle writer's finish (data items only). */
  manifest: Manifest;
  caseJson: unknown;
  render(manifest: Manifest): string;
  signal?: AbortSignal;
}

export async function checkWrittenBundle(
  o: WrittenBundle & { leak: LeakCheckOptions },
): Promise<BundleCheck> {
  // Fail closed: a bundle that could not be checked, or whose findings could not be recorded in
  // it, is removed rather than left looking releasable.
  let findings: LeakFinding[] = [];
  try {
    findings = await scanBundleForLeaks(o.bundle, { ...o.leak, signal: o.signal });
    if (findings.length === 0) return { releasable: true, findings };
    return { releasable: false, findings, size: await recordFindings(o, findings) };
  } catch (e) {
    await rm(o.bundle, { force: true });
    if (o.signal?.aborted) throw e;
    throw new CasepackError(
      'internal',
      findings.length > 0
        ? `the leak check found ${findings.length} possible secret${findings.length === 1 ? '' : 's'} in the bundle but could not record them in it (${errorMessage(e)}); the bundle was removed`
        : `the leak check could not read the bundle back (${errorMessage(e)}); the bundle was removed`,
    );
  }
}

/** Rewrite the bundle with the findings in its manifest and report; the file keeps its name. */
async function recordFindings(o: WrittenBundle, findings: LeakFinding[]): Promise<number> {
  const manifest: Manifest = {
    ...o.manifest,
    redaction: { counts: {}, ...o.manifest.redaction, leaks: findings.map((f) => ({ ...f })) },
  };
  const zip = await openZip(o.bundle);
  const meta = new Set(Object.values(META_NAMES));
  const expected = new Map(manifest.items.filter((i) => i.path).map((i) => [i.path!, i.sha256]));
  const writer = await openBundle({ dir: path.dirname(o.bundle), name: path.basename(o.bundle) });
  try {
    for (const e of zip.entries) {
      if (meta.has(e.fileName) || e.fileName.endsWith('/')) continue;
      o.signal?.throwIfAborted();
      const r = await writer.addEntry(e.fileName, await zip.stream(e), {
        mtime: e.getLastModDate(),
      });
      if (r.name !== e.fileName || r.sha256 !== expected.get(e.fileName))
        throw new CasepackError('internal', `${e.fileName} changed while its leak was recorded`);
    }
    zip.close();
    const done = await writer.finish({
      manifest,
      caseJson: o.caseJson,
      reportHtml: o.render(manifest),
    });
    await rename(done.path, o.bundle);
    return done.size;
  } catch (e) {
    zip.close();
    await writer.abort().catch(() => undefined);
    throw e;
  }
}
