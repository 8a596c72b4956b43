// Handlers of the bundle methods (core/common/api/bundle.ts). Every bundle path passes the path
// policy first, as the review methods' do.
import type { bundleMethods } from '../../common/api/bundle.js';
import type { HandlersOf } from '../../common/api/define.js';
import type { HandlerContext } from './context.js';

export function bundleHandlers(ctx: HandlerContext): HandlersOf<typeof bundleMethods> {
  const checked = async (bundle: string) => (await ctx.pathPolicy()).bundle(bundle);
  return {
    verifyBundle: async ({ bundle }) => ctx.service.verifyBundle({ bundle: await checked(bundle) }),
    inspectBundle: async ({ bundle }) =>
      ctx.service.inspectBundle({ bundle: await checked(bundle) }),
  };
}
