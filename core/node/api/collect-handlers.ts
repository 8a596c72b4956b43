// Handlers of the collection methods. Paths the UI sends (a profile file, the output folder) are
// checked by the path policy; bundles built from the UI go to the data directory's bundles/ folder
// unless the settings name collect.outDir.
import { mkdir } from 'node:fs/promises';
import type { CollectArgs } from '../../common/api/collect.js';
import type { collectMethods } from '../../common/api/collect-methods.js';
import { CasepackError } from '../../common/errors.js';
import type { HandlersOf } from '../../common/api/define.js';
import type { PathPolicy } from '../access/path-policy.js';
import { looksLikeProfilePath } from '../profiles/load.js';
import type { HandlerContext } from './context.js';

async function checkedProfiles(
  policy: PathPolicy,
  refs: string[] | undefined,
): Promise<string[] | undefined> {
  if (!refs) return undefined;
  const out: string[] = [];
  for (const r of refs)
    out.push(looksLikeProfilePath(r) ? await policy.readableFile(r, 'the profile') : r);
  return out;
}

export function collectHandlers(ctx: HandlerContext): HandlersOf<typeof collectMethods> {
  const { service } = ctx;
  // The UI's profile files, case file and output folder pass the path policy before a run starts.
  const checked = async ({ cwd: _cwd, ...a }: CollectArgs): Promise<CollectArgs> => {
    const policy = await ctx.pathPolicy();
    const profiles = await checkedProfiles(policy, a.profiles);
    let outDir = a.outDir ?? (await service.settings()).settings.collect?.outDir;
    if (!outDir) {
      await mkdir(ctx.bundlesDir, { recursive: true, mode: 0o700 });
      outDir = ctx.bundlesDir;
    }
    // Package history and services are read from / on the host; another root is for tests on the
    // command line, not for a page.
    if (a.changesRoot)
      throw new CasepackError('usage', 'changesRoot is a command-line option (--changes-root)');
    return {
      ...a,
      profiles,
      ...(a.caseFile ? { caseFile: await policy.readableFile(a.caseFile, 'the case file') } : {}),
      outDir: await policy.directory(outDir, { writable: true }),
    };
  };
  return {
    async planCollection({ cwd: _cwd, ...a }) {
      const profiles = await checkedProfiles(await ctx.pathPolicy(), a.profiles);
      return service.plan({ ...a, profiles });
    },
    listProfiles: () => service.profiles({}),
    collect: async (a) => service.collect(await checked(a)),
    collectStart: async (a) => service.collectStart(await checked(a)),
    collectStatus: (a) => service.collectStatus(a),
    collectSkip: (a) => service.collectSkip(a),
    collectCancel: (a) => service.collectCancel(a),
  };
}
