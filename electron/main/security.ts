// Electron's security checklist, applied in one place. The decisions are plain data and functions
// (tested in test/unit/electron-security.test.ts); index.ts attaches them to Electron's objects.
import type { WebPreferences } from 'electron';
import { isAppUrl } from './app-protocol.js';

/** Every casepack window: isolated, sandboxed, no Node, no remote content, no webviews. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
    spellcheck: false,
    safeDialogs: true,
  };
}

/** The page never navigates away from the app (in-app screens change the hash, not the page). */
export function navigationAllowed(from: string, to: string, isApp = isAppUrl): boolean {
  if (!isApp(to)) return false;
  // Only a reload of the same page is a navigation we accept.
  return new URL(to).pathname === new URL(from).pathname;
}

/** Camera, microphone, notifications, geolocation, ...: casepack needs none and asks for none. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** New windows are never opened by the page; links to the web open in the user's browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  let external: boolean;
  try {
    external = new URL(url).protocol === 'https:';
  } catch {
    external = false;
  }
  return { action: 'deny', openExternally: external };
}

interface ContentsLike {
  getURL(): string;
  on(
    event: 'will-navigate' | 'will-redirect',
    fn: (e: { preventDefault(): void; url: string }) => void,
  ): unknown;
  on(event: 'will-attach-webview', fn: (e: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(fn: (d: { url: string }) => { action: 'deny' }): void;
}

/** Attach the checklist to one web contents (called for every web-contents-created). */
export function hardenContents(
  contents: ContentsLike,
  openExternal: (url: string) => void,
  isApp = isAppUrl,
): void {
  const guard = (e: { preventDefault(): void; url: string }) => {
    if (!navigationAllowed(contents.getURL(), e.url, isApp)) e.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    if (d.openExternally) openExternal(url);
    return { action: 'deny' };
  });
}
