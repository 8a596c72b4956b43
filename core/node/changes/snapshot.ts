// `casepack snapshot`: record each profile's configuration files as a redacted baseline, so the
// next collection can show exactly what changed since (docs/technical/changes.md).
import type { SnapshotReply } from '../../common/api/changes.js';
import type { Plan } from '../../common/collect/plan.js';
import type { RedactionSession } from '../redact/types.js';
import { writeBaseline } from './baseline-store.js';
import { configOf } from './collect-changes.js';

export async function snapshotPlan(o: {
  plan: Pick<Plan, 'profiles' | 'items' | 'host'>;
  dataDir: string;
  session: RedactionSession;
  keep?: number;
  now?: Date;
}): Promise<SnapshotReply> {
  const reply: SnapshotReply = { baselines: [], notes: [] };
  for (const p of o.plan.profiles) {
    const { files, skipped } = configOf(o.plan, p.name);
    if (files.length === 0 && skipped.length === 0) {
      reply.notes.push(
        `profile ${p.name} lists no configuration files (kind: config): nothing to record`,
      );
      continue;
    }
    const w = await writeBaseline({
      dataDir: o.dataDir,
      profile: { name: p.name, source: p.source, sha256: p.sha256 },
      files,
      unreadable: skipped,
      session: o.session,
      host: o.plan.host,
      ...(o.keep ? { keep: o.keep } : {}),
      ...(o.now ? { now: o.now } : {}),
    });
    const count = (s: string) => w.baseline.files.filter((f) => f.status === s).length;
    reply.baselines.push({
      profile: p.name,
      dir: w.dir,
      createdAt: w.baseline.createdAt,
      files: w.baseline.files.length,
      stored: count('stored'),
      checksumOnly: count('binary') + count('too-large'),
      unreadable: w.baseline.files
        .filter((f) => f.status === 'unreadable')
        .map((f) => ({ path: f.path, reason: f.reason ?? 'not readable' })),
      pruned: w.removed.length,
    });
  }
  return reply;
}
