// Handlers of the submission methods (core/common/api/submit-methods.ts). Every host path the UI
// sends (the bundle, a case file, an export folder, a public key) passes the path policy first.
import type { HandlersOf } from '../../common/api/define.js';
import type { submitMethods } from '../../common/api/submit-methods.js';
import type { HandlerContext } from './context.js';

export function submitHandlers(ctx: HandlerContext): HandlersOf<typeof submitMethods> {
  const { service } = ctx;
  const policy = () => ctx.pathPolicy();
  // The bundle and the case file a submission reads, through the path policy.
  const checked = async <A extends { bundle: string; caseFile?: string | undefined }>(a: A) => {
    const p = await policy();
    return {
      ...a,
      bundle: await p.bundle(a.bundle),
      ...(a.caseFile ? { caseFile: await p.readableFile(a.caseFile, 'the case file') } : {}),
    };
  };
  return {
    listTargets: (a) => service.listTargets(a),
    submit: async (a) => service.submit(await checked(a)),
    submitWarnings: async (a) => service.submitWarnings(await checked(a)),
    outboxList: (a) => service.outboxList(a),
    outboxRetry: (a) => service.outboxRetry(a),
    outboxCancel: (a) => service.outboxCancel(a),
    history: (a) => service.history(a),
    hostKey: (a) => service.hostKey(a),
    trustHostKey: (a) => service.trustHostKey(a),
    async exportBundle(a) {
      const p = await policy();
      return service.exportBundle({
        bundle: await p.bundle(a.bundle),
        path: await p.directory(a.path, { writable: true }),
        ...(a.encryptTo ? { encryptTo: await p.readableFile(a.encryptTo, 'the public key') } : {}),
      });
    },
  };
}
