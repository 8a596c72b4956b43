// Screenshots without Electron, for real: Xvfb (scripts/test-env/up.d/60-xvfb.sh), ImageMagick's
// import and scrot, through the API as `casepack serve` offers it.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasepackClient } from '../../core/common/api/client.js';
import { X11Screenshots } from '../../core/node/media/x11-screenshots.js';
import { testService } from '../support/test-env.js';
import { tempDir } from '../support/tmp.js';
import { http, type Started } from '../contract/transports.js';

function pngSize(b64: string): { width: number; height: number; png: boolean } {
  const b = Buffer.from(b64, 'base64');
  return {
    png: b.subarray(1, 4).toString() === 'PNG',
    width: b.readUInt32BE(16),
    height: b.readUInt32BE(20),
  };
}

describe('X11 screenshots through casepack serve', () => {
  const { display } = testService<{ display: string }>('xvfb');
  let started: Started;
  let api: CasepackClient;
  let win: ChildProcess;

  beforeAll(async () => {
    // A real window on the display, as a user's error dialog would be.
    win = spawn(
      'xmessage',
      ['-title', 'Login failed - igl', 'ORA-01017: invalid username/password'],
      {
        env: { ...process.env, DISPLAY: display },
        stdio: 'ignore',
      },
    );
    const dir = await tempDir();
    const configFile = path.join(dir, 'config.yaml');
    await writeFile(configFile, '');
    started = await http.start({
      configFile,
      dataDir: path.join(dir, 'data'),
      env: { DISPLAY: display },
    });
    api = started.client;
  });
  afterAll(async () => {
    win?.kill();
    await started?.close();
  });

  it('lists the whole screen and the open windows by name', async () => {
    let s = await api.screenSources({});
    for (let i = 0; i < 50 && !s.sources.some((x) => x.kind === 'window'); i++) {
      await new Promise((r) => setTimeout(r, 100)); // the window may still be mapping
      s = await api.screenSources({});
    }
    expect(s.available).toBe(true);
    expect(s.sources[0]).toEqual({ id: 'screen:root', name: 'Whole screen', kind: 'screen' });
    expect(s.sources).toContainEqual(
      expect.objectContaining({ name: 'Login failed - igl', kind: 'window' }),
    );
  });

  it('captures the whole screen at the display size', async () => {
    const c = await api.captureScreen({ sourceId: 'screen:root' });
    expect(pngSize(c.png)).toEqual({ png: true, width: 1280, height: 800 });
    expect({ width: c.width, height: c.height }).toEqual({ width: 1280, height: 800 });
  });

  it('captures one window, smaller than the screen', async () => {
    const s = await api.screenSources({});
    const w = s.sources.find((x) => x.name === 'Login failed - igl')!;
    const c = await api.captureScreen({ sourceId: w.id });
    const size = pngSize(c.png);
    expect(size.png).toBe(true);
    expect(size.width).toBeLessThan(1280);
    expect(size.width).toBeGreaterThan(40);
  });

  it('refuses a source id that is not a screen or window', async () => {
    await expect(api.captureScreen({ sourceId: 'window:$(reboot)' })).rejects.toMatchObject({
      code: 'usage',
    });
  });
});

describe('X11 screenshots with scrot only', () => {
  it('captures the screen with scrot when ImageMagick is missing', async () => {
    const { display } = testService<{ display: string }>('xvfb');
    const bin = await tempDir();
    // A PATH with scrot but without import: the fallback a minimal desktop has.
    const { symlink } = await import('node:fs/promises');
    for (const t of ['scrot', 'sh']) await symlink(`/usr/bin/${t}`, path.join(bin, t));
    const x = new X11Screenshots({ DISPLAY: display, PATH: bin });
    const s = await x.sources();
    expect(s.sources).toEqual([{ id: 'screen:root', name: 'Whole screen', kind: 'screen' }]);
    const c = await x.capture('screen:root');
    expect(pngSize(c.png)).toEqual({ png: true, width: 1280, height: 800 });
  });

  it('says why when there is no display', async () => {
    const s = await new X11Screenshots({ PATH: process.env.PATH }).sources();
    expect(s).toMatchObject({ available: false, reason: expect.stringMatching(/no display/) });
  });
});
