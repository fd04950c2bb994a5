import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/contract';
import { createSettingsStore } from './settings-store';
import { profileLanguage } from './profile-language';

const memoryFile = () => {
  const data = new Map<string, unknown>();
  return { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v) };
};

describe('the language a user starts in', () => {
  it('is the first workstation language of her profile', () => {
    expect(profileLanguage({ languages: ['sv', 'fi'] }, 'fi')).toBe('sv');
    expect(profileLanguage({ languages: ['ar', 'en'] }, 'fi')).toBe('en');
  });
  it("is the device's when her profile has none the workstation speaks", () => {
    expect(profileLanguage({ languages: ['so'] }, 'sv')).toBe('sv');
    expect(profileLanguage({ languages: [] }, 'en')).toBe('en');
  });
  it('gives way to the language she chose in her settings', () => {
    const file = memoryFile();
    const store = createSettingsStore(file, {
      ...defaultSettings,
      language: profileLanguage({ languages: ['sv'] }, 'fi'),
    });
    expect(store.get().language).toBe('sv');
    store.update({ language: 'en' });
    expect(createSettingsStore(file, { ...defaultSettings, language: 'sv' }).get().language).toBe('en');
  });
});
