import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The renderer shows content from residents, so its engine must stay on a line that gets
// security fixes: Electron supports its three newest majors (45 is the newest here).
const newestElectronMajor = 45;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('Electron', () => {
  const pinned = (readJson('package.json').devDependencies as Record<string, string>).electron ?? '';

  it('is pinned exactly to a supported release line', () => {
    expect(semver.valid(pinned)).toBe(pinned);
    expect(semver.major(pinned)).toBeGreaterThanOrEqual(newestElectronMajor - 1);
  });

  it('is what the lock file installs, and its engines accept the Node the project runs on', () => {
    const installed = readJson('node_modules/electron/package.json') as { version: string; engines: { node: string } };
    expect(installed.version).toBe(pinned);
    const locked = (readJson('package-lock.json').packages as Record<string, { version: string }>)[
      'node_modules/electron'
    ];
    expect(locked?.version).toBe(pinned);
    // npm warns EBADENGINE (and on Node 20 resolved an unsupported 41.x) when this does not hold.
    expect(semver.satisfies(process.version, installed.engines.node)).toBe(true);
  });
});
