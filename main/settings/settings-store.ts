import { Settings, type SettingsPatch, defaultSettings } from '../../shared/contract';

/** Raw key-value persistence: electron-store in Electron, conf in the browser host and tests. */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Opens the settings file for one scope: 'device' or a user folder. */
export type KeyValueFileFactory = (scopeDir: string) => KeyValueFile;

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

/**
 * Settings read from a file are untrusted (edited by hand, written by an older version):
 * each field is validated on its own so one bad value falls back alone.
 */
export function createSettingsStore(file: KeyValueFile, fallback: Settings = defaultSettings): SettingsStore {
  const read = (): Settings => {
    const raw = file.get('settings');
    const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const shape = Settings.shape;
    return {
      language: shape.language.safeParse(obj.language).data ?? fallback.language,
      theme: shape.theme.safeParse(obj.theme).data ?? fallback.theme,
      queueFilters: shape.queueFilters.safeParse(obj.queueFilters).data ?? fallback.queueFilters,
      alertsMutedUntil: shape.alertsMutedUntil.safeParse(obj.alertsMutedUntil).data ?? fallback.alertsMutedUntil,
      desktopNotifications:
        shape.desktopNotifications.safeParse(obj.desktopNotifications).data ?? fallback.desktopNotifications,
      railWidth: shape.railWidth.safeParse(obj.railWidth).data ?? fallback.railWidth,
    };
  };
  return {
    get: read,
    update(patch) {
      const next = Settings.parse({ ...read(), ...patch });
      file.set('settings', next);
      return next;
    },
  };
}
