import type { BrowserWindowConstructorOptions } from 'electron';

/** The one window's options: every hardening switch set explicitly, not left to defaults. */
export function windowOptions(
  preloadPath: string,
  { spellcheck = false }: { spellcheck?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Kaari',
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Off unless the machine policy serves dictionaries (Chromium would download them from Google).
      spellcheck,
      safeDialogs: true,
    },
  };
}
