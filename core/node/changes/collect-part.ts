// "Recent changes" as a part of every collection: changes/ in the bundle (diffs against each
// profile's latest baseline, or the files changed in the window; package history; cron jobs and
// services) and its section of report.html. A failure here costs this part only, never the bundle.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CasepackError, errorMessage } from '../../common/errors.js';
import type { EntrySink } from '../bundle/types.js';
import type { CollectPart } from '../collect/collect.js';
import { SinkError } from '../collect/collector-context.js';
import { REPORT_ORDER } from '../bundle/report/section.js';
import { escapeHtml } from '../bundle/report/html.js';
import { collectChanges } from './collect-changes.js';
import { CHANGES_REPORT_CSS, renderChangesSection } from './report.js';

export interface ChangesPartOptions {
  /** The data directory, where `casepack snapshot` keeps the baselines. */
  dataDir: string;
  /** Another system's root for package history, cron and services (`--changes-root`). */
  root?: string | undefined;
}

/** `--changes-root DIR`, resolved and checked before anything is collected (a typo is an error). */
export async function changesRoot(
  dir: string | undefined,
  cwd: string | undefined,
): Promise<string | undefined> {
  if (dir === undefined) return undefined;
  const root = path.resolve(cwd ?? process.cwd(), dir);
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory())
    throw new CasepackError('usage', `--changes-root ${dir}: not a directory`, root);
  return root;
}

export function changesPart(o: ChangesPartOptions): CollectPart {
  return {
    id: 'changes',
    async write({ sink, session, prepared, signal }) {
      signal.throwIfAborted();
      try {
        const out = await collectChanges({
          plan: prepared.plan,
          dataDir: o.dataDir,
          ...(o.root ? { root: o.root } : {}),
          window: prepared.window,
          session,
          sink: guarded(sink),
        });
        const s = renderChangesSection(out.summary, out.previews);
        return {
          items: out.items,
          report: { ...s, order: REPORT_ORDER.changes, css: CHANGES_REPORT_CSS },
        };
      } catch (e) {
        // A sink error means the bundle itself failed: that ends the run, as for any item.
        if (signal.aborted || e instanceof SinkError) throw e;
        const reason = `recent changes not collected: ${errorMessage(e)}`;
        return {
          items: [
            {
              id: 'changes',
              type: 'change',
              source: 'recent changes',
              status: 'failed',
              reason,
            },
          ],
          report: {
            id: 'recent-changes',
            title: 'Recent changes',
            order: REPORT_ORDER.changes,
            html: `<p class="warning">${escapeHtml(reason)}</p>`,
          },
        };
      }
    },
  };
}

/** The bundle's own failures (disk full) as SinkError, so they are not taken for this part's. */
function guarded(sink: EntrySink): EntrySink {
  const wrap = (e: unknown): never => {
    throw new SinkError(e);
  };
  return {
    addEntry: (name, source, opts) => sink.addEntry(name, source, opts).catch(wrap),
    addBuffer: (name, data, opts) => sink.addBuffer(name, data, opts).catch(wrap),
  };
}
