// The production parts of `collect`: the bundle writer, the redaction session, the system report
// and health checks, report.html. Later parts (pseudonyms, the case file, recent changes) are added
// here, not in collect.ts.
import type { Prepared } from './prepare.js';
import type { CollectDeps, CollectPart } from './collect.js';
import { builtinVars } from '../profiles/vars.js';
import type { Settings } from '../../common/settings/schema.js';

/** Each profile with its resolved vars (built-ins included), as the system report wants them. */
export function profilesInUse(prepared: Prepared) {
  const builtins = builtinVars(prepared.window, prepared.plan.host);
  return prepared.profiles.map((lp, i) => {
    const vars: Record<string, string | undefined> = { ...builtins };
    for (const [k, v] of Object.entries(prepared.plan.profiles[i]?.vars ?? {})) vars[k] = v.value;
    return { name: lp.name, profile: lp.profile, vars };
  });
}

export const systemReportPart: CollectPart = {
  id: 'system-report',
  async write({ sink, session, prepared, signal }) {
    const { runSystemReport } = await import('../system-report/run.js');
    const r = await runSystemReport(sink, session, profilesInUse(prepared), { signal });
    // Its fragment brings its own headings (and the health checks); order 200 is the report's
    // place for the system section.
    return { items: r.items, report: { id: 'system', title: '', order: 200, html: r.html } };
  },
};

/** What the production deps need from the service and the caller. */
export interface CollectDepsInput {
  settings: Settings;
  /** The data directory (site key, pseudonym mapping): never collected. */
  dataDir: string;
  /** `--pseudonymize` (default: settings and site policy). */
  pseudonymize?: string | undefined;
}

export async function defaultCollectDeps(i: CollectDepsInput): Promise<CollectDeps> {
  const [
    { openBundle },
    { bundleName },
    { createCollectSession },
    { privatePaths },
    { renderReport },
    { fragmentSection },
    { redactionReportSection, leakReportSection },
  ] = await Promise.all([
    import('../bundle/bundle-writer.js'),
    import('../bundle/bundle-name.js'),
    import('../redact/collect-session.js'),
    import('../redact/own-secrets.js'),
    import('../bundle/report/render.js'),
    import('../bundle/report/section.js'),
    import('../redact/report-section.js'),
  ]);
  return {
    openBundle,
    bundleName,
    forbid: await privatePaths(i.settings, i.dataDir),
    createSession: ({ settings, prepared }) =>
      createCollectSession({
        settings,
        dataDir: i.dataDir,
        profiles: prepared.profiles.map((p) => p.profile.redaction ?? {}),
        ...(i.pseudonymize !== undefined ? { pseudonymize: i.pseudonymize } : {}),
      }),
    parts: [systemReportPart],
    renderReport: ({ manifest, caseJson, sections }) =>
      renderReport({
        manifest,
        caseJson,
        sections: [
          ...sections.map((s) => fragmentSection(s, s.order)),
          redactionReportSection,
          leakReportSection,
        ],
      }),
  };
}
