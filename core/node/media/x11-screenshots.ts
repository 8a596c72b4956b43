// Screenshots without Electron: on a Linux host with an X display (a desktop session, or Xvfb),
// ImageMagick's `import` captures the whole screen or one window, `scrot` the screen. The image
// goes to the UI for preview and blacking out; nothing is kept on disk here.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Capture, ScreenSource, ScreenSources } from '../../common/api/media.js';
import { CasepackError } from '../../common/errors.js';
import { pngSize } from './image-bytes.js';
import { runTool } from './run-capture.js';

export const SCREEN_ID = 'screen:root';

function toCapture(png: Buffer): Capture {
  const { width, height } = pngSize(png);
  return { png: png.toString('base64'), width, height };
}

async function has(tool: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await runTool(['sh', '-c', 'command -v "$0"', tool], { timeoutMs: 5000, env });
    return true;
  } catch {
    return false;
  }
}

/**
 * Named windows from `xwininfo -root -tree` (x11-utils). Under a window manager the named window
 * sits inside an unnamed frame, so every depth counts; tiny helper windows do not.
 */
export function parseWindowTree(text: string): ScreenSource[] {
  const out: ScreenSource[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s{5,}(0x[0-9a-f]+) "(.+)": .*?\s(\d+)x(\d+)[+-]/.exec(line);
    if (!m) continue;
    const [, id, name, w, h] = m;
    if (Number(w) < 40 || Number(h) < 40 || seen.has(id!)) continue;
    seen.add(id!);
    out.push({ id: `window:${id}`, name: name!, kind: 'window' });
  }
  return out;
}

export class X11Screenshots {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async sources(): Promise<ScreenSources> {
    if (!this.env.DISPLAY)
      return {
        available: false,
        reason:
          'this host has no display (DISPLAY is not set); add screenshots as image files instead',
        sources: [],
      };
    const [imp, scrot, xwininfo] = await Promise.all([
      has('import', this.env),
      has('scrot', this.env),
      has('xwininfo', this.env),
    ]);
    if (!imp && !scrot)
      return {
        available: false,
        reason: 'no capture tool found: install ImageMagick (import) or scrot',
        sources: [],
      };
    const sources: ScreenSource[] = [{ id: SCREEN_ID, name: 'Whole screen', kind: 'screen' }];
    if (imp && xwininfo) {
      try {
        const tree = await runTool(['xwininfo', '-root', '-tree'], {
          env: this.env,
          timeoutMs: 5000,
        });
        sources.push(...parseWindowTree(tree.toString('utf8')));
      } catch {
        // the whole screen is still available
      }
    }
    return { available: true, sources };
  }

  async capture(sourceId: string): Promise<Capture> {
    if (!this.env.DISPLAY) throw new CasepackError('not-found', 'this host has no display');
    let argv: string[];
    if (sourceId === SCREEN_ID) {
      if (!(await has('import', this.env))) return this.scrot();
      argv = ['import', '-silent', '-window', 'root', 'png:-'];
    } else {
      const m = /^window:(0x[0-9a-f]+)$/.exec(sourceId);
      if (!m) throw new CasepackError('usage', `unknown screen or window "${sourceId}"`);
      argv = ['import', '-silent', '-window', m[1]!, 'png:-'];
    }
    return toCapture(await runTool(argv, { env: this.env, timeoutMs: 20_000 }));
  }

  /** scrot cannot write to a pipe: it writes into a private folder that is removed at once. */
  private async scrot(): Promise<Capture> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'casepack-shot-'));
    try {
      const file = path.join(dir, 'screen.png');
      await runTool(['scrot', '--silent', '--overwrite', file], {
        env: this.env,
        timeoutMs: 20_000,
      });
      return toCapture(await readFile(file));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
