// The BUILT preload bundle (out/preload/index.cjs), run as a sandboxed renderer runs it, against
// the paired IPC stand-in: it exposes exactly the API's methods, refuses to run without context
// isolation, and main answers only our own page.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, API_METHODS } from '../../core/common/api/index.js';
import { IPC_EVENT_CHANNEL } from '../../core/common/api/wire.js';
import { createApiHost } from '../../core/node/api/handlers.js';
import { CasepackService } from '../../core/node/service.js';
import { forwardEvents, registerApi } from '../../electron/main/ipc-adapter.js';
import { isTrustedSender } from '../../electron/main/trusted-sender.js';
import { ipcPair, runPreload } from '../support/ipc-pair.js';
import { tempDir } from '../support/tmp.js';
import { ensureUiBuilt, preloadBundle } from '../support/ui-build.js';

type Bridge = {
  casepack: Record<
    string,
    (arg: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>
  >;
  casepackEvents: { subscribe(fn: (name: string, payload: unknown) => void): () => void };
};

describe('the built preload bundle', () => {
  let service: CasepackService;
  beforeAll(async () => {
    ensureUiBuilt();
    const dir = await tempDir();
    await writeFile(path.join(dir, 'config.yaml'), '');
    service = new CasepackService({
      configFile: path.join(dir, 'config.yaml'),
      dataDir: path.join(dir, 'data'),
    });
  });

  it('is one CommonJS file that requires nothing but electron', () => {
    const code = readFileSync(preloadBundle, 'utf8');
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('exposes exactly the API methods and one event subscription, nothing else', () => {
    const pair = ipcPair();
    runPreload(preloadBundle, pair, { contextIsolated: true });
    expect(Object.keys(pair.world).sort()).toEqual(['casepack', 'casepackEvents']);
    const bridge = pair.world as unknown as Bridge;
    expect(Object.keys(bridge.casepack).sort()).toEqual([...API_METHOD_NAMES].sort());
    expect(Object.keys(bridge.casepack).sort()).toEqual(Object.keys(API_METHODS).sort());
    for (const fn of Object.values(bridge.casepack)) expect(typeof fn).toBe('function');
    expect(Object.keys(bridge.casepackEvents)).toEqual(['subscribe']);
  });

  it('refuses to load without context isolation, exposing nothing', () => {
    const pair = ipcPair();
    expect(() => runPreload(preloadBundle, pair, { contextIsolated: false })).toThrow(
      /refuses to run without context isolation/,
    );
    expect(pair.world).toEqual({});
  });

  it('reaches main, which answers only the app page of its own windows', async () => {
    for (const [frameUrl, trusted] of [
      ['casepack://app/index.html', true],
      ['https://evil.example/', false],
      ['file:///tmp/x.html', false],
      ['casepack://other/index.html', false],
    ] as const) {
      const pair = ipcPair(frameUrl);
      const host = createApiHost(service, 'desktop');
      registerApi(pair.ipcMain, host, (e) => isTrustedSender(e, new Set([1])));
      runPreload(preloadBundle, pair, { contextIsolated: true });
      const reply = await (pair.world as unknown as Bridge).casepack.appInfo!({});
      if (trusted) expect(reply).toMatchObject({ ok: true, result: { shell: 'desktop' } });
      else
        expect(reply).toEqual({
          ok: false,
          error: { code: 'permission', message: expect.any(String) },
        });
    }
    // A window that is not one of ours is refused even when it shows the app's URL.
    const pair = ipcPair();
    registerApi(pair.ipcMain, createApiHost(service, 'desktop'), (e) =>
      isTrustedSender(e, new Set([2])),
    );
    runPreload(preloadBundle, pair, { contextIsolated: true });
    expect((await (pair.world as unknown as Bridge).casepack.appInfo!({})).ok).toBe(false);
  });

  it('delivers service events to the page until it unsubscribes', () => {
    const pair = ipcPair();
    const host = createApiHost(service, 'desktop');
    forwardEvents(host, () => [pair.sender]);
    runPreload(preloadBundle, pair, { contextIsolated: true });
    const got: Array<[string, unknown]> = [];
    const off = (pair.world as unknown as Bridge).casepackEvents.subscribe((n, p) =>
      got.push([n, p]),
    );
    service.events.emit('submit:done', { jobId: 'j1', status: 'done' });
    off();
    service.events.emit('submit:done', { jobId: 'j2', status: 'done' });
    expect(got).toEqual([['submit:done', { jobId: 'j1', status: 'done' }]]);
    expect(IPC_EVENT_CHANNEL).toBe('casepack:event');
  });
});
