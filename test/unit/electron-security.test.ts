// Electron's security checklist as tests, on the decisions main applies to every window.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_CSP } from '../../core/common/csp.js';
import { appProtocolResponse, isAppUrl } from '../../electron/main/app-protocol.js';
import {
  navigationAllowed,
  permissionAllowed,
  secureWebPreferences,
  windowOpenDecision,
} from '../../electron/main/security.js';
import { repoRoot } from '../support/paths.js';
import { ensureUiBuilt, rendererOut } from '../support/ui-build.js';

const APP = 'casepack://app/index.html';

describe('Electron security checklist', () => {
  it('isolates and sandboxes every window, with no Node in the page', () => {
    const p = secureWebPreferences('/app/preload/index.cjs');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('never navigates away from the app', () => {
    expect(navigationAllowed(APP, APP)).toBe(true);
    for (const to of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'casepack://app/other.html',
      'casepack://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
    ])
      expect(navigationAllowed(APP, to), to).toBe(false);
  });

  it('opens no new windows; only https links go to the user browser', () => {
    expect(windowOpenDecision('https://docs.example.com/')).toEqual({
      action: 'deny',
      openExternally: true,
    });
    for (const u of [
      'http://example.com/',
      'file:///etc/passwd',
      'smb://host/share',
      'casepack://app/',
    ])
      expect(windowOpenDecision(u)).toEqual({ action: 'deny', openExternally: false });
  });

  it('denies every permission request', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'unknown',
    ])
      expect(permissionAllowed(p), p).toBe(false);
  });

  it('serves the app from its own protocol with the strict CSP, never file://', async () => {
    ensureUiBuilt();
    expect(isAppUrl(APP)).toBe(true);
    expect(isAppUrl('file:///index.html')).toBe(false);
    const page = await appProtocolResponse(rendererOut, APP);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(UI_CSP);
    expect(await page.text()).toContain('<div id="root">');
    for (const u of [
      'casepack://app/../package.json',
      'casepack://app/%2e%2e/%2e%2e/package.json',
      'casepack://other/index.html',
    ]) {
      const r = await appProtocolResponse(rendererOut, u);
      const body = await r.text();
      expect(body, u).not.toContain('"name": "casepack"');
    }
    const main = readFileSync(path.join(repoRoot, 'electron', 'main', 'index.ts'), 'utf8');
    expect(main).not.toMatch(/loadFile|file:\/\//);
    expect(main).toContain('app.enableSandbox()');
  });
});

describe('development mode', () => {
  it('trusts the dev server only when given, and only its origin', async () => {
    const { appUrlCheck } = await import('../../electron/main/app-protocol.js');
    const packaged = appUrlCheck(undefined);
    expect(packaged('http://localhost:5173/')).toBe(false);
    const dev = appUrlCheck('http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev(APP)).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://evil.example/')).toBe(false);
  });
});
