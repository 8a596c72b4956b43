// Does a bundle hold the artifacts its case type needs? Answered from the manifest alone, so the
// collector (after a collection), the submitters (before sending) and `casepack inspect` agree.
// Missing artifacts are warnings: only missing required *fields* block a submission.
import type { Manifest, ManifestItem } from '../manifest/schema.js';
import { CASE_TYPE_INFO } from './definitions.js';
import { artifactNeeds, type ArtifactKey, type Need } from './rules.js';
import type { Case } from './schema.js';
import { parseCaseTime } from './time.js';

export interface ArtifactFinding {
  key: ArtifactKey;
  need: Need;
  label: string;
  present: boolean;
}

export interface ArtifactWarning {
  artifact?: ArtifactKey;
  message: string;
}

export interface ArtifactCheckResult {
  findings: ArtifactFinding[];
  /** One per required artifact the bundle lacks, plus a window that misses the start. */
  warnings: ArtifactWarning[];
}

const RESOURCE_TOOLS = new Set([
  'sar',
  'sadf',
  'vmstat',
  'iostat',
  'mpstat',
  'pidstat',
  'top',
  'jstat',
  'dstat',
  'nmon',
]);

const ok = (i: ManifestItem) => i.status === 'collected' || i.status === 'truncated';
const hasBytes = (i: ManifestItem) => ok(i) && (i.size ?? 0) > 0;
const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** How each artifact shows up in a manifest. */
const PRESENT: Record<ArtifactKey, (i: ManifestItem) => boolean> = {
  'system-report': (i) => i.type === 'system' && ok(i),
  logs: (i) => i.kind === 'log' && hasBytes(i) && i.window?.linesKept !== 0,
  config: (i) => i.kind === 'config' && ok(i),
  'recent-changes': (i) => i.type === 'change' && ok(i),
  'resource-figures': (i) =>
    hasBytes(i) &&
    ((i.type === 'command' && RESOURCE_TOOLS.has(base(i.argv?.[0] ?? ''))) ||
      /sysstat|\/sa\/sa\d+$|(^|[/_.-])gc[^/]*\.log/i.test(i.source)),
  'data-dumps': (i) =>
    hasBytes(i) && /thread-?dump|heap-?dump|jstack|hprof|jcmd/i.test(`${i.spec ?? ''} ${i.id}`),
  'diagnostic-report': (i) => i.type === 'check' && i.status !== 'skipped',
  screenshots: (i) => i.type === 'screenshot' && ok(i),
  'test-case': (i) => i.type === 'attachment' && ok(i),
};

/** What to do about a missing artifact, in the CLI's terms (the app rewords them: ui-wording.ts). */
export const ARTIFACT_HINTS: Record<ArtifactKey, string> = {
  'system-report': 'collect again without --no-system-report',
  logs: "check the profile's log paths and the time window (--since, --until)",
  config: 'use a profile that lists the product configuration files',
  'recent-changes':
    'run `casepack snapshot` after each planned change, so the next collection can show diffs',
  'resource-figures':
    'install sysstat so that sar keeps figures, or add a command such as `vmstat 5 12` to the profile',
  'data-dumps': 'use a profile that takes a thread dump of the running product',
  'diagnostic-report': 'use a profile with health checks',
  screenshots: 'attach a screenshot of what you see',
  'test-case': 'attach a small test case that shows the problem',
};

/** Check a bundle's manifest against what the case type needs. */
export function checkArtifacts(
  c: Case,
  manifest: Pick<Manifest, 'items' | 'window'>,
): ArtifactCheckResult {
  const findings: ArtifactFinding[] = [];
  const warnings: ArtifactWarning[] = [];
  for (const n of artifactNeeds(c.type)) {
    const present = manifest.items.some(PRESENT[n.key]);
    findings.push({ key: n.key, need: n.need, label: n.label, present });
    if (!present && n.need === 'required')
      warnings.push({
        artifact: n.key,
        message:
          `${c.type ? CASE_TYPE_INFO[c.type].phrase : 'this case'} needs ${n.label.toLowerCase()} and this ` +
          `bundle has none. ${n.why} To fix: ${ARTIFACT_HINTS[n.key]}.`,
      });
  }
  const started = c.startedAt ? parseCaseTime(c.startedAt) : undefined;
  const since = manifest.window ? Date.parse(manifest.window.since) : NaN;
  const until = manifest.window ? Date.parse(manifest.window.until) : NaN;
  if (started !== undefined && !Number.isNaN(since) && started < since)
    warnings.push({
      message:
        `the problem started at ${c.startedAt}, before this bundle's time window ` +
        `(from ${manifest.window.since}): the logs from when it started are not in it. ` +
        `To fix: collect again with --since "${c.startedAt}".`,
    });
  else if (started !== undefined && !Number.isNaN(until) && started >= until)
    warnings.push({
      message: `the problem started at ${c.startedAt}, after this bundle's time window (until ${manifest.window.until}).`,
    });
  return { findings, warnings };
}
