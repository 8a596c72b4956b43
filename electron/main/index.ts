// The desktop app's main process, kept thin: it owns windows, the app protocol, the security hooks
// and screenshots, and adapts the one API (core/node) to IPC. Everything else is the service's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { createApiHost } from '../../core/node/api/handlers.js';
import { CasepackService } from '../../core/node/service.js';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  appProtocolResponse,
  appUrlCheck,
} from './app-protocol.js';
import { forwardEvents, registerApiOnIpcMain } from './ipc-adapter.js';
import { AppKeychain, keychainHandlers } from './keychain.js';
import { appMenuTemplate } from './menu.js';
import { desktopScreenshots } from './screenshots.js';
import { hardenContents, permissionAllowed, secureWebPreferences } from './security.js';
import { isTrustedSender } from './trusted-sender.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preload = path.join(here, '..', 'preload', 'index.cjs');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isApp = appUrlCheck(devUrl);

const windows = new Set<BrowserWindow>();
const windowIds = new Set<number>();

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'casepack',
    show: false,
    webPreferences: secureWebPreferences(preload),
  });
  const id = win.webContents.id;
  windows.add(win);
  windowIds.add(id);
  win.on('closed', () => {
    windows.delete(win);
    windowIds.delete(id);
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devUrl ?? APP_START_URL);
}

app.on('web-contents-created', (_e, contents) =>
  hardenContents(contents, (url) => void shell.openExternal(url), isApp),
);

void app.whenReady().then(async () => {
  protocol.handle(APP_SCHEME, (req) => appProtocolResponse(rendererDir, req.url));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) =>
    cb(permissionAllowed(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) =>
    permissionAllowed(permission),
  );

  // The same settings file as the CLI (--config, CASEPACK_CONFIG, or the per-user default).
  const configFlag = process.argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  const keychainRef: { current?: AppKeychain } = {};
  const service = new CasepackService({
    configFile: configFlag,
    keychain: (name) => keychainRef.current!.get(name),
  });
  const keychain = new AppKeychain(safeStorage, service.dataDir);
  keychainRef.current = keychain;
  const host = createApiHost(service, 'desktop', {
    ...desktopScreenshots(desktopCapturer, screen),
    ...keychainHandlers(keychain, safeStorage),
  });
  await registerApiOnIpcMain(host, (e) => isTrustedSender(e, windowIds, isApp));
  forwardEvents(host, () => [...windows].map((w) => w.webContents));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(process.platform === 'darwin', app.isPackaged)),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
