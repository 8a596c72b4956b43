// The recent-changes methods of the service (core/common/api/changes.ts).
import { diffBundlesArgs, type DiffBundlesArgs } from '../../common/api/changes.js';
import type { BundleDiff } from '../../common/changes/bundle-diff.js';
import { parseApiArgs } from '../api-args.js';
import { diffBundles as diff } from './bundle-diff.js';

export function diffBundles(args: DiffBundlesArgs): Promise<BundleDiff> {
  const a = parseApiArgs('diffBundles', diffBundlesArgs, args);
  return diff(a.old, a.new);
}
