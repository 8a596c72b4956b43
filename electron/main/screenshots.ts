// Screenshots in the desktop app: desktopCapturer lists screens and windows; the user picks one,
// sees it, blacks out regions, and only then adds it (the API's screenSources/captureScreen).
import type { DesktopCapturer, Screen } from 'electron';
import type { Capture, ScreenSources } from '../../core/common/api/media.js';
import { CasepackError } from '../../core/common/errors.js';

export function desktopScreenshots(capturer: DesktopCapturer, screen: Screen) {
  return {
    async screenSources(): Promise<ScreenSources> {
      const sources = await capturer.getSources({
        types: ['screen', 'window'],
        thumbnailSize: { width: 0, height: 0 },
      });
      return {
        available: sources.length > 0,
        ...(sources.length ? {} : { reason: 'no screen or window can be captured' }),
        sources: sources.map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.id.startsWith('screen:') ? 'screen' : 'window',
        })),
      };
    },
    async captureScreen({ sourceId }: { sourceId: string }): Promise<Capture> {
      const d = screen.getPrimaryDisplay();
      const size = {
        width: Math.round(d.size.width * d.scaleFactor),
        height: Math.round(d.size.height * d.scaleFactor),
      };
      const sources = await capturer.getSources({
        types: [sourceId.startsWith('screen:') ? 'screen' : 'window'],
        thumbnailSize: size,
      });
      const src = sources.find((s) => s.id === sourceId);
      if (!src || src.thumbnail.isEmpty())
        throw new CasepackError('not-found', 'that screen or window is no longer there');
      const img = src.thumbnail;
      return {
        png: img.toPNG().toString('base64'),
        width: img.getSize().width,
        height: img.getSize().height,
      };
    },
  };
}
