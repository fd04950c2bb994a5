import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, powerMonitor, protocol, safeStorage, shell } from 'electron';
import { createMainServices } from '../services';
import { appOrigin, appScheme } from './app-origin';
import { electronStoreFactory } from './electron-settings';
import { hardenContents } from './harden-contents';
import { osKeyWrapper } from './os-key-wrapper';
import { wireIpc } from './ipc-wiring';
import { serveRendererFile } from './renderer-protocol';
import { windowOptions } from './window-options';

// The thin Electron shell: lifecycle, one hardened window, the contract over IPC. Everything it
// calls is plain Node and tested without Electron.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
if (!app.requestSingleInstanceLock()) app.quit();

// Camera and microphone only while a video call (or its device check) is open; set once services exist.
let mediaOpen = (): boolean => false;
app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => void shell.openExternal(url), () => mediaOpen()));

app.whenReady().then(() => {
  const rendererDir = join(import.meta.dirname, '../renderer');
  protocol.handle(appScheme, (request) => serveRendererFile(rendererDir, request.url));
  const services = createMainServices({
    dataDir: app.getPath('userData'),
    backendUrl: process.env.KAARI_BACKEND_URL ?? 'http://127.0.0.1:5180',
    host: 'electron',
    version: app.getVersion(),
    settingsFile: electronStoreFactory,
    osKeyWrapper: osKeyWrapper(safeStorage),
    ...(process.env.KAARI_NATIVE_BINDING ? { cacheOptions: { nativeBinding: process.env.KAARI_NATIVE_BINDING } } : {}),
  });
  mediaOpen = services.mediaOpen;
  const window = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  // A reload or a crashed renderer leaves its video call (and with it the camera permission).
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) services.rendererGone();
  });
  window.webContents.on('render-process-gone', () => services.rendererGone());
  const unwire = wireIpc(ipcMain, services.registry, services.events, window.webContents);
  window.once('ready-to-show', () => window.show());
  powerMonitor.on('resume', () => services.wake());
  powerMonitor.on('unlock-screen', () => services.wake());
  // Leaving the desk (the OS screen locked) or closing the lid locks Kaari: a laptop found asleep wakes locked.
  powerMonitor.on('lock-screen', () => services.lock());
  powerMonitor.on('suspend', () => services.lock());
  void window.loadURL(`${appOrigin}/`);
  app.on('before-quit', () => {
    unwire();
    void services.dispose();
  });
});

app.on('window-all-closed', () => app.quit());
