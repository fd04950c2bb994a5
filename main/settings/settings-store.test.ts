import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/contract';
import { tempDir } from '../../test/support/processes';
import { confFileFactory } from './conf-file';
import { createSettingsStore } from './settings-store';

describe('settings', () => {
  it('starts from the defaults and keeps what the user chose across restarts', () => {
    const dir = tempDir('settings');
    expect(createSettingsStore(confFileFactory(dir)).get()).toEqual(defaultSettings);
    createSettingsStore(confFileFactory(dir)).update({ language: 'sv', theme: 'dark' });
    expect(createSettingsStore(confFileFactory(dir)).get()).toMatchObject({ language: 'sv', theme: 'dark' });
  });

  it('keeps colleagues on a shared machine apart', () => {
    const root = tempDir('settings');
    createSettingsStore(confFileFactory(join(root, 'a'))).update({ language: 'en' });
    expect(createSettingsStore(confFileFactory(join(root, 'b'))).get().language).toBe(defaultSettings.language);
  });

  it('falls back field by field when the file holds a bad value', () => {
    const dir = tempDir('settings');
    confFileFactory(dir).set('settings', { language: 'klingon', theme: 'dark', queueFilters: 'nope' });
    expect(createSettingsStore(confFileFactory(dir)).get()).toEqual({ ...defaultSettings, theme: 'dark' });
  });

  it('keeps urgent alerts on for a user who had turned them off, and reads older queue filters', () => {
    const dir = tempDir('settings');
    confFileFactory(dir).set('settings', {
      urgentAlerts: false,
      queueFilters: { mineOnly: false, kinds: [], themes: [] },
    });
    const read = createSettingsStore(confFileFactory(dir)).get();
    expect(read.alertsMutedUntil).toBeNull();
    expect(read.queueFilters).toEqual({ ...defaultSettings.queueFilters, mineOnly: false });
  });

  it('remembers the width the user dragged the queue rail to, and ignores one no screen could show', () => {
    const dir = tempDir('settings');
    createSettingsStore(confFileFactory(dir)).update({ railWidth: 420 });
    expect(createSettingsStore(confFileFactory(dir)).get().railWidth).toBe(420);
    confFileFactory(dir).set('settings', { railWidth: 99_999 });
    expect(createSettingsStore(confFileFactory(dir)).get().railWidth).toBeNull();
  });

  it('refuses to store an invalid value', () => {
    const store = createSettingsStore(confFileFactory(tempDir('settings')));
    expect(() => store.update({ language: 'de' as never })).toThrow();
    expect(store.get()).toEqual(defaultSettings);
  });
});
