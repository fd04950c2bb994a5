import { join } from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { backendUrlFor, machinePolicyPath, readMachinePolicy } from '../policy/machine-policy';
import { nativeBindingFor } from '../policy/native-binding';
import { spellcheckFor } from '../policy/spellcheck';
import { readCaCertificates, trustExtraCa } from '../policy/trusted-ca';
import { type MainServices, createMainServices } from '../services';
import { appOrigin, appScheme } from './app-origin';
import { electronStoreFactory } from './electron-settings';
import { hardenContents } from './harden-contents';
import { osKeyWrapper } from './os-key-wrapper';
import { wireIpc } from './ipc-wiring';
import { serveRendererFile } from './renderer-protocol';
import { windowOptions } from './window-options';

// The thin Electron shell: lifecycle, one hardened window, the contract over IPC. Everything it
// decides is plain Node (main/policy/, ./permissions) and tested without Electron.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
if (!app.requestSingleInstanceLock()) app.quit();

const where = { packaged: app.isPackaged, env: process.env, platform: process.platform };
const { policy, problem } = readMachinePolicy(machinePolicyPath(where));
if (problem) console.error(problem);
const spellcheck = spellcheckFor(policy);

// Camera and microphone only while a video call (or its device check) is open, notifications only
// after the user opted in; both read from the services once they exist.
let services: MainServices | null = null;
app.on('web-contents-created', (_event, contents) =>
  hardenContents(contents, {
    openExternal: (url) => void shell.openExternal(url),
    externalLinkHosts: policy.externalLinkHosts,
    mediaOpen: () => services?.mediaOpen() ?? false,
    notificationsOptedIn: () => services?.notificationsOptedIn() ?? false,
  }),
);

function start(): MainServices {
  // Only the machine policy adds trusted CAs (createMainServices refuses a remote backend without TLS).
  trustExtraCa(readCaCertificates(policy.extraCaCertificates));
  const nativeBinding = nativeBindingFor(where);
  return createMainServices({
    dataDir: app.getPath('userData'),
    backendUrl: backendUrlFor(policy, process.env),
    host: 'electron',
    version: app.getVersion(),
    settingsFile: electronStoreFactory,
    osKeyWrapper: osKeyWrapper(safeStorage),
    ...(nativeBinding ? { cacheOptions: { nativeBinding } } : {}),
    policy: policy.session,
  });
}

app.whenReady().then(() => {
  const rendererDir = join(import.meta.dirname, '../renderer');
  protocol.handle(appScheme, (request) => serveRendererFile(rendererDir, request.url));
  if (spellcheck.enabled) {
    session.defaultSession.setSpellCheckerDictionaryDownloadURL(spellcheck.dictionaryUrl);
    session.defaultSession.setSpellCheckerLanguages(spellcheck.languages);
  } else session.defaultSession.setSpellCheckerEnabled(false);
  try {
    services = start();
  } catch (error) {
    dialog.showErrorBox('Kaari', (error as Error).message);
    app.quit();
    return;
  }
  const running = services;
  const window = new BrowserWindow(
    windowOptions(join(import.meta.dirname, '../preload/index.cjs'), { spellcheck: spellcheck.enabled }),
  );
  // A reload or a crashed renderer leaves its video call (and with it the camera permission).
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) running.rendererGone();
  });
  window.webContents.on('render-process-gone', () => running.rendererGone());
  const unwire = wireIpc(ipcMain, running.registry, running.events, window.webContents);
  window.once('ready-to-show', () => window.show());
  powerMonitor.on('resume', () => running.wake());
  powerMonitor.on('unlock-screen', () => running.wake());
  // Leaving the desk (the OS screen locked) or closing the lid locks Kaari: a laptop found asleep wakes locked.
  powerMonitor.on('lock-screen', () => running.lock());
  powerMonitor.on('suspend', () => running.lock());
  void window.loadURL(`${appOrigin}/`);
  app.on('before-quit', () => {
    unwire();
    void running.dispose();
  });
});

app.on('window-all-closed', () => app.quit());
