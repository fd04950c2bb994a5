import { KeyUnwrapError, type KeyWrapper } from '../cache/cache-key';

/** The part of Electron's safeStorage used here (a fake in tests: no Electron binary on build machines). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The OS keychain's layer over the cache key (DPAPI, Keychain, libsecret/kwallet): a disk copied
 * to another machine or OS account cannot unwrap it. None where the OS has no real keychain
 * (Linux without a secret service falls back to a fixed password, which protects nothing).
 */
export function osKeyWrapper(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    layer: 'os',
    wrap: (plain) => Promise.resolve(safeStorage.encryptString(plain.toString('base64'))),
    unwrap: async (wrapped) => {
      try {
        return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
      } catch (error) {
        // Another OS account or machine, or a reset keychain: the cache is set aside, sign-in goes on.
        throw new KeyUnwrapError('The OS keychain cannot unwrap this cache key.', { cause: error });
      }
    },
  };
}
