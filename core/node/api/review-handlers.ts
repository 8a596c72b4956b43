// Handlers of the review methods (core/common/api/review.ts). Every bundle path passes the path
// policy first.
import path from 'node:path';
import type { HandlersOf } from '../../common/api/define.js';
import type { reviewMethods } from '../../common/api/review.js';
import { bundleTree } from '../review/bundle-tree.js';
import { readEntryImage, readEntryText } from '../review/read-entry.js';
import { removeEntries } from '../review/rebuild.js';
import { searchBundle } from '../review/search.js';
import type { HandlerContext } from './context.js';

export function reviewHandlers(ctx: HandlerContext): HandlersOf<typeof reviewMethods> {
  const checked = async (bundle: string) => (await ctx.pathPolicy()).bundle(bundle);
  return {
    bundleTree: async ({ bundle }) => bundleTree(await checked(bundle)),
    readEntry: async ({ bundle, path, offset, maxBytes }) =>
      readEntryText(await checked(bundle), path, offset, maxBytes),
    readImage: async ({ bundle, path }) => readEntryImage(await checked(bundle), path),
    searchBundle: async ({ bundle, query, caseSensitive, maxHits }) =>
      searchBundle(await checked(bundle), query, caseSensitive, maxHits),
    async removeEntries({ bundle, paths }) {
      const real = await checked(bundle);
      // The rebuilt bundle is written beside the old one, which it then replaces.
      await (await ctx.pathPolicy()).directory(path.dirname(real), { writable: true });
      return removeEntries(real, paths);
    },
  };
}
