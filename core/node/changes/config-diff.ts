// Configuration now vs. the latest baseline: a unified diff per changed file under
// `changes/config/`, and one ConfigChange per file that was modified, added, removed or can no
// longer be read. Both sides are redacted text (the baseline was redacted when it was taken; the
// current file is read through the session here, the baseline's text again too), so a diff can
// never show a removed secret, nor in clear what this collection pseudonymises.
import { lstat } from 'node:fs/promises';
import type { BaselineFile } from '../../common/changes/baseline.js';
import type { ConfigChange } from '../../common/changes/summary.js';
import type { ManifestItem } from '../../common/manifest/schema.js';
import type { EntrySink } from '../bundle/types.js';
import type { RedactionSession } from '../redact/types.js';
import { baselineText, type ConfigSource, type LoadedBaseline } from './baseline-store.js';
import { readRedacted } from './read-redacted.js';
import { diffPreview, type DiffPreview } from './report.js';
import { unifiedDiff } from './unified-diff.js';

export interface ConfigDiffInput {
  profile: string;
  baseline: LoadedBaseline;
  /** The profile's configuration files now (from the plan). */
  files: ConfigSource[];
  /** Files the plan matched but will not read, with why (forbidden, unreadable, too large). */
  skipped: Array<{ path: string; reason: string }>;
  session: RedactionSession;
  sink: EntrySink;
  /** Entry names already used (two profiles may list the same file). */
  used: Set<string>;
  /** Filled with the first lines of each diff written, for report.html. */
  previews?: Map<string, DiffPreview>;
}

export function diffEntryName(file: string): string {
  const rel = file
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:/, '')
    .replace(/^\/+/, '');
  return `changes/config/${rel}.diff`;
}

interface Out {
  changes: ConfigChange[];
  items: ManifestItem[];
}

async function writeDiff(
  i: ConfigDiffInput,
  out: Out,
  change: ConfigChange,
  oldText: string | undefined,
  newText: string | undefined,
): Promise<void> {
  const name = diffEntryName(change.path);
  if (oldText === undefined || newText === undefined || i.used.has(name)) {
    out.changes.push(change);
    return;
  }
  const d = unifiedDiff(
    oldText === '' && change.change === 'added' ? '/dev/null' : `a${change.path}`,
    newText === '' && change.change === 'removed' ? '/dev/null' : `b${change.path}`,
    oldText,
    newText,
    change.change === 'added' ? undefined : `baseline ${i.baseline.baseline.createdAt}`,
    change.change === 'removed' ? undefined : 'now',
  );
  if (!d) {
    out.changes.push({ ...change, note: 'too many differences to show a diff' });
    return;
  }
  i.used.add(name);
  const r = await i.sink.addBuffer(name, d.text);
  i.previews?.set(name, diffPreview(d.text));
  out.changes.push({ ...change, diff: name, linesAdded: d.added, linesRemoved: d.removed });
  out.items.push({
    id: `change-${out.items.length + 1}-${i.profile}`,
    type: 'change',
    kind: 'config',
    source: change.path,
    path: name,
    size: r.size,
    sha256: r.sha256,
    status: 'collected',
    reason: `${change.change} since the baseline of ${i.baseline.baseline.createdAt}`,
  });
}

const CHECKSUM_ONLY: Record<string, string> = {
  binary: 'binary file: compared by checksum, no diff',
  'too-large': 'too large to diff: compared by checksum',
};

export async function diffConfigAgainstBaseline(i: ConfigDiffInput): Promise<Out> {
  const out: Out = { changes: [], items: [] };
  const base = new Map<string, BaselineFile>(i.baseline.baseline.files.map((f) => [f.path, f]));
  const now = new Map(i.files.map((f) => [f.path, f]));
  const skipped = new Map(i.skipped.map((s) => [s.path, s.reason]));
  const profile = i.profile;

  for (const f of i.files) {
    const old = base.get(f.path);
    const cur = await readRedacted(f.path, i.session, {
      id: `changes-${f.spec}`,
      maxBytes: f.maxBytes,
    });
    if (!cur.ok) {
      out.changes.push({
        profile,
        path: f.path,
        change: cur.code === 'ENOENT' ? 'removed' : 'unreadable',
        note: cur.reason,
      });
      continue;
    }
    if (!old || old.status === 'unreadable') {
      const note = old ? 'was not readable when the baseline was taken' : undefined;
      const change: ConfigChange = {
        profile,
        path: f.path,
        change: 'added',
        ...(note ? { note } : {}),
      };
      if (cur.text === undefined) change.note = CHECKSUM_ONLY[cur.binary ? 'binary' : 'too-large'];
      await writeDiff(i, out, change, '', cur.text);
      continue;
    }
    if (old.sha256 === cur.sha256) continue;
    const oldText = await baselineNow(i, old);
    // Only the redaction differed (a pseudonym category turned on since): nothing changed.
    if (oldText !== undefined && oldText === cur.text) continue;
    const change: ConfigChange = { profile, path: f.path, change: 'modified' };
    if (oldText === undefined || cur.text === undefined)
      change.note =
        CHECKSUM_ONLY[cur.binary || old.status === 'binary' ? 'binary' : 'too-large'] ??
        'compared by checksum';
    await writeDiff(i, out, change, oldText, cur.text);
  }

  for (const old of i.baseline.baseline.files) {
    if (now.has(old.path) || old.status === 'unreadable') continue;
    const reason = skipped.get(old.path);
    if (reason) {
      // Still there but not read this time (forbidden, unreadable, over the size cap): say why,
      // never read it anyway.
      out.changes.push({ profile, path: old.path, change: 'unreadable', note: reason });
      continue;
    }
    const gone = await lstat(old.path).then(
      () => false,
      (e: NodeJS.ErrnoException) => e.code === 'ENOENT' || e.code === 'ENOTDIR',
    );
    if (!gone) {
      out.changes.push({
        profile,
        path: old.path,
        change: 'unreadable',
        note: 'still there, but the profile no longer collects it',
      });
      continue;
    }
    const change: ConfigChange = { profile, path: old.path, change: 'removed', note: 'deleted' };
    await writeDiff(i, out, change, await baselineNow(i, old), '');
  }
  return out;
}

/**
 * The baseline's text through this collection's session as well: it was redacted when it was
 * taken, but this run may pseudonymise more (hosts, users), and a diff must not show in clear on
 * its old side what the bundle pseudonymises everywhere else. Redaction tokens pass unchanged.
 */
async function baselineNow(i: ConfigDiffInput, f: BaselineFile): Promise<string | undefined> {
  const text = await baselineText(i.baseline, f);
  if (text === undefined) return undefined;
  return i.session.redactText(text, { id: `changes-baseline-${f.spec ?? 'file'}`, source: f.path })
    .text;
}
