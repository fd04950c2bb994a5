import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheSqliteBinding, cacheSqliteModule } from '../main/cache/sqlite-module';

/** Builds the native module in `moduleDir` for Electron `electronVersion`; true when it worked. */
export type ElectronBuild = (moduleDir: string, electronVersion: string) => boolean;

/** A prebuilt binary for Electron's ABI where one is published, else a node-gyp build against Electron's headers. */
const buildForElectron: ElectronBuild = (moduleDir, electronVersion) => {
  const run = (cmd: string, args: string[]) =>
    spawnSync(cmd, args, { cwd: moduleDir, stdio: 'inherit', shell: false }).status === 0;
  return (
    run('npx', ['--no-install', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion]) ||
    run('npx', [
      '--no-install',
      'node-gyp',
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ])
  );
};

/**
 * The cache's SQLite module (main/cache/sqlite-module.ts: SQLite3 Multiple Ciphers) built for Node
 * (tests) and for Electron (the app) are different binaries. Instead of rebuilding node_modules in
 * place (which breaks whichever ran before), the Electron build lives in its own copy and main is
 * told where via KAARI_NATIVE_BINDING (honoured in development only).
 */
export function electronNativeBinding(
  electronVersion: string,
  {
    cacheDir = resolve('.cache/electron-native'),
    nodeModules = resolve('node_modules'),
    build = buildForElectron,
  }: { cacheDir?: string; nodeModules?: string; build?: ElectronBuild } = {},
): string {
  const moduleDir = join(cacheDir, `${cacheSqliteModule}-electron-${electronVersion}`);
  const binding = join(moduleDir, cacheSqliteBinding);
  if (existsSync(binding)) return binding;
  rmSync(moduleDir, { recursive: true, force: true });
  cpSync(join(nodeModules, cacheSqliteModule), moduleDir, {
    recursive: true,
    filter: (src) => !src.includes('/build/'),
  });
  if (!build(moduleDir, electronVersion) || !existsSync(binding))
    throw new Error(`Could not build ${cacheSqliteModule} for Electron ${electronVersion}`);
  return binding;
}

export const installedElectronVersion = (): string =>
  (JSON.parse(readFileSync(resolve('node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
