import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Path of the Electron executable, or null when the binary is not installed on this machine. */
export function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Installs are done with the download skipped (it fails on machines without internet and npm then
 * rolls back everything). Where the network allows, fetch the binary now, once.
 */
export function tryDownloadElectron(timeoutMs = 120_000): string | null {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, [require.resolve('electron/install.js')], { env, stdio: 'ignore', timeout: timeoutMs });
  return electronBinary();
}
