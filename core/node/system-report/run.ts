// The system report and the health checks of a collection, in one call: what `collect` runs after
// the profiles' items. Products and checks come from every profile in use (deduplicated: two
// profiles extending linux-host bring its checks once), each with its own profile's variables.
import type { Profile } from '../../common/profile/schema.js';
import type { EntrySink } from '../bundle/types.js';
import type { RedactionSession } from '../redact/types.js';
import { runChecks, type ProfiledCheck } from './checks/run-checks.js';
import type { CheckResult } from './checks/types.js';
import { renderSystemReportHtml } from './report-html.js';
import type { ProductSpec, SectionOutcome, SystemReportOptions } from './types.js';
import { writeSystemReport } from './write-report.js';
import type { ManifestItem } from '../../common/manifest/schema.js';

export interface ProfileInUse {
  name: string;
  /** The profile with its bases merged in. */
  profile: Profile;
  /** Its resolved variables, built-ins included (undefined: did not resolve). */
  vars: Record<string, string | undefined>;
}

export interface SystemReportRun {
  items: ManifestItem[];
  sections: SectionOutcome[];
  checks: CheckResult[];
  /** The report.html fragment (summary, checks, sections). */
  html: string;
  durationMs: number;
}

/** Products of the profiles, each once. */
export function productsOf(profiles: readonly ProfileInUse[]): ProductSpec[] {
  const seen = new Set<string>();
  const out: ProductSpec[] = [];
  for (const p of profiles) {
    const product = p.profile.product;
    if (!product) continue;
    const key = JSON.stringify(product);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      profile: p.name,
      name: product.name,
      versionFrom: product.versionFrom,
      vars: p.vars,
    });
  }
  return out;
}

/** Checks of the profiles: an identical check once; the same id with another spec gets the profile's name. */
export function checksOf(profiles: readonly ProfileInUse[]): ProfiledCheck[] {
  const byId = new Map<string, string>();
  const out: ProfiledCheck[] = [];
  for (const p of profiles) {
    for (const c of p.profile.checks) {
      const key = JSON.stringify(c);
      const known = byId.get(c.id);
      if (known === key) continue;
      const id = known === undefined ? c.id : `${p.name}.${c.id}`;
      byId.set(id, key);
      out.push({ ...c, id, profile: p.name, vars: p.vars });
    }
  }
  return out;
}

export async function runSystemReport(
  sink: EntrySink,
  session: RedactionSession,
  profiles: readonly ProfileInUse[],
  opts: Omit<SystemReportOptions, 'products'> = {},
): Promise<SystemReportRun> {
  const t0 = performance.now();
  const report = await writeSystemReport(sink, session, {
    ...opts,
    products: productsOf(profiles),
  });
  const checks = await runChecks(checksOf(profiles), sink, session, {
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return {
    items: [...report.items, ...checks.items],
    sections: report.sections,
    checks: checks.results,
    html: renderSystemReportHtml(report.sections, checks.results),
    durationMs: Math.round(performance.now() - t0),
  };
}
