// Handlers of the media methods (core/common/api/media.ts). The desktop app replaces the two
// screenshot handlers with desktopCapturer (electron/main/screenshots.ts).
import os from 'node:os';
import type { HandlersOf } from '../../common/api/define.js';
import type { mediaMethods } from '../../common/api/media.js';
import { DraftFiles } from '../draft/files.js';
import { browse } from '../media/browse.js';
import { X11Screenshots } from '../media/x11-screenshots.js';
import type { HandlerContext } from './context.js';

export function mediaHandlers(ctx: HandlerContext): HandlersOf<typeof mediaMethods> {
  const files = new DraftFiles(ctx.service.dataDir);
  const x11 = new X11Screenshots(ctx.env);
  return {
    screenSources: () => x11.sources(),
    captureScreen: ({ sourceId }) => x11.capture(sourceId),
    addScreenshot: ({ name, base64 }) => files.addImage(name, base64),
    async addAttachment({ path }) {
      const real = await (await ctx.pathPolicy()).readableFile(path);
      return files.addAttachment(real);
    },
    draftFiles: () => files.list(),
    removeDraftFile: ({ id }) => files.remove(id),
    readDraftImage: ({ id }) => files.readImage(id),
    async browse({ path, dirsOnly }) {
      return browse(await ctx.pathPolicy(), path, os.homedir(), dirsOnly);
    },
  };
}
