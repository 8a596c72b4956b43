// Handlers of the case methods: the case model's service methods, with every host path the UI
// sends (a case file to load or save) checked by the path policy first.
import type { caseMethods } from '../../common/api/case-methods.js';
import type { HandlersOf } from '../../common/api/define.js';
import type { HandlerContext } from './context.js';

export function caseHandlers(ctx: HandlerContext): HandlersOf<typeof caseMethods> {
  const { service } = ctx;
  return {
    caseCheck: (a) => service.caseCheck(a),
    async caseLoad({ file }) {
      return service.caseLoad({ file: await (await ctx.pathPolicy()).readableFile(file) });
    },
    async caseSave(a) {
      return service.caseSave({ ...a, file: await (await ctx.pathPolicy()).writableFile(a.file) });
    },
    caseDefaults: (a) => service.caseDefaults(a),
    contactGet: () => service.contactGet({}),
    contactSet: (a) => service.contactSet(a),
    caseDefinitions: () => service.caseDefinitions({}),
  };
}
