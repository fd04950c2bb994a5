import Conf from 'conf';
import type { KeyValueFile, KeyValueFileFactory } from './settings-store';

/** conf (the library electron-store wraps) for the browser host and tests, where Electron is absent. */
export const confFileFactory: KeyValueFileFactory = (scopeDir) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd: scopeDir,
    configName: 'preferences',
    projectName: 'kaari',
    configFileMode: 0o600,
  });
  const file: KeyValueFile = {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
  };
  return file;
};
