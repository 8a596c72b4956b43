// The bundle methods of the service (core/common/api/bundle.ts): one plain-object argument each,
// validated here, plain JSON back. Heavy modules load on first use so `casepack --help` stays fast.
import {
  bundleArgs,
  type BundleArgs,
  type BundleInspection,
  type VerifyReport,
} from '../../common/api/bundle.js';
import { parseApiArgs } from '../api-args.js';

export async function verifyBundle(arg: BundleArgs): Promise<VerifyReport> {
  const { bundle } = parseApiArgs('verifyBundle', bundleArgs, arg);
  const { verifyBundle: verify } = await import('./verify.js');
  return verify(bundle);
}

export async function inspectBundle(arg: BundleArgs): Promise<BundleInspection> {
  const { bundle } = parseApiArgs('inspectBundle', bundleArgs, arg);
  const { inspectBundle: inspect } = await import('./inspect.js');
  return inspect(bundle);
}
