import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * better-sqlite3 built for Node (tests) and for Electron (the app) are different binaries. Instead
 * of rebuilding node_modules in place (which breaks whichever ran before), the Electron build lives
 * in its own copy and main is told where via KAARI_NATIVE_BINDING.
 */
export function electronNativeBinding(electronVersion: string, cacheDir = resolve('.cache/electron-native')): string {
  const moduleDir = join(cacheDir, `better-sqlite3-electron-${electronVersion}`);
  const binding = join(moduleDir, 'build/Release/better_sqlite3.node');
  if (existsSync(binding)) return binding;
  rmSync(moduleDir, { recursive: true, force: true });
  cpSync(resolve('node_modules/better-sqlite3'), moduleDir, { recursive: true, filter: (src) => !src.includes('/build/') });
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: moduleDir, stdio: 'inherit', shell: false }).status === 0;
  const ok =
    run('npx', ['--no-install', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion]) ||
    run('npx', ['--no-install', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']);
  if (!ok || !existsSync(binding)) throw new Error('Could not build better-sqlite3 for Electron');
  return binding;
}

export const installedElectronVersion = (): string =>
  (JSON.parse(readFileSync(resolve('node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
