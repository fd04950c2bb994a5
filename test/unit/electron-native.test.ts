import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cacheSqliteBinding, cacheSqliteModule } from '../../main/cache/sqlite-module';
import { type ElectronBuild, electronNativeBinding, installedElectronVersion } from '../../scripts/electron-native';
import { tempDir } from '../support/processes';

// `npm start` with Electron: the cache's SQLite module is rebuilt for Electron's ABI in a copy of
// its own (the real build needs Electron's headers from the internet, so it is faked here).
describe('the Electron build of the cache module', () => {
  const fakeNodeModules = () => {
    const nodeModules = tempDir('node-modules');
    const module = join(nodeModules, cacheSqliteModule);
    mkdirSync(join(module, 'build/Release'), { recursive: true });
    writeFileSync(join(module, 'package.json'), '{}');
    writeFileSync(join(module, cacheSqliteBinding), 'built for Node');
    return nodeModules;
  };
  const fakeBuild: ElectronBuild = (moduleDir) => {
    mkdirSync(dirname(join(moduleDir, cacheSqliteBinding)), { recursive: true });
    writeFileSync(join(moduleDir, cacheSqliteBinding), 'built for Electron');
    return true;
  };

  it('copies the encrypting module (not plain better-sqlite3) without the Node build, builds it for the installed Electron, and reuses it', () => {
    expect(cacheSqliteModule).toBe('better-sqlite3-multiple-ciphers');
    const nodeModules = fakeNodeModules();
    const cacheDir = tempDir('electron-native');
    const build = vi.fn(fakeBuild);
    const version = installedElectronVersion();
    const binding = electronNativeBinding(version, { cacheDir, nodeModules, build });
    expect(binding).toBe(join(cacheDir, `${cacheSqliteModule}-electron-${version}`, cacheSqliteBinding));
    expect(readFileSync(binding, 'utf8')).toBe('built for Electron');
    expect(build).toHaveBeenCalledWith(join(cacheDir, `${cacheSqliteModule}-electron-${version}`), version);
    // The Node build in node_modules is untouched, so `npm test` keeps working after `npm start`.
    expect(readFileSync(join(nodeModules, cacheSqliteModule, cacheSqliteBinding), 'utf8')).toBe('built for Node');
    expect(electronNativeBinding(version, { cacheDir, nodeModules, build })).toBe(binding);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('says so when the build fails instead of handing Electron the Node binary', () => {
    const cacheDir = tempDir('electron-native');
    expect(() =>
      electronNativeBinding('45.5.0', { cacheDir, nodeModules: fakeNodeModules(), build: () => false }),
    ).toThrow(`Could not build ${cacheSqliteModule} for Electron 45.5.0`);
    expect(existsSync(join(cacheDir, `${cacheSqliteModule}-electron-45.5.0`, cacheSqliteBinding))).toBe(false);
  });
});
