// The recent-changes methods of the service (core/common/api/changes.ts).
import {
  diffBundlesArgs,
  snapshotArgs,
  type DiffBundlesArgs,
  type SnapshotArgs,
  type SnapshotReply,
} from '../../common/api/changes.js';
import type { BundleDiff } from '../../common/changes/bundle-diff.js';
import { parseApiArgs } from '../api-args.js';
import type { LoadedSettings } from '../settings/store.js';

export interface ChangesServiceContext {
  settings(): Promise<LoadedSettings>;
  readonly dataDir: string;
}

export async function diffBundles(args: DiffBundlesArgs): Promise<BundleDiff> {
  const a = parseApiArgs('diffBundles', diffBundlesArgs, args);
  const { diffBundles: diff } = await import('./bundle-diff.js');
  return diff(a.old, a.new);
}

/** Record a redacted baseline of each profile's configuration files (`casepack snapshot`). */
export async function snapshot(
  svc: ChangesServiceContext,
  args: SnapshotArgs,
): Promise<SnapshotReply> {
  const a = parseApiArgs('snapshot', snapshotArgs, args);
  const { preparePlan } = await import('../collect/prepare.js');
  const { snapshotPlan } = await import('./snapshot.js');
  const { createCollectSession } = await import('../redact/collect-session.js');
  const { privatePaths } = await import('../redact/own-secrets.js');
  const { settings } = await svc.settings();
  // Never casepack's own data and credentials, as in a collection.
  const { plan, profiles } = await preparePlan(
    settings,
    { profiles: a.profiles, cwd: a.cwd },
    { forbid: await privatePaths(settings, svc.dataDir) },
  );
  // The same redaction as a collection with these profiles and settings (pseudonyms included): a
  // baseline never holds a secret, and the next collection's files compare equal when unchanged.
  const session = await createCollectSession({
    settings,
    dataDir: svc.dataDir,
    profiles: profiles.map((p) => p.profile.redaction ?? {}),
  });
  try {
    return await snapshotPlan({
      plan,
      dataDir: svc.dataDir,
      session,
      ...(a.keep ? { keep: a.keep } : {}),
    });
  } finally {
    session.close?.();
  }
}
