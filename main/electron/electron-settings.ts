import Store from 'electron-store';
import type { KeyValueFileFactory } from '../settings/settings-store';

/** electron-store in the desktop app; same interface as conf in the browser host. */
export const electronStoreFactory: KeyValueFileFactory = (scopeDir) => {
  const store = new Store<Record<string, unknown>>({ cwd: scopeDir, name: 'preferences', configFileMode: 0o600 });
  return { get: (key) => store.get(key), set: (key, value) => store.set(key, value) };
};
