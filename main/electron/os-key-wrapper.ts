import { safeStorage } from 'electron';
import type { KeyWrapper } from '../cache/cache-key';

/**
 * The OS keychain's layer over the cache key (DPAPI, Keychain, libsecret/kwallet): a disk copied
 * to another machine or OS account cannot unwrap it. None where the OS has no real keychain
 * (Linux without a secret service falls back to a fixed password, which protects nothing).
 */
export function osKeyWrapper(): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    layer: 'os',
    wrap: (plain) => Promise.resolve(safeStorage.encryptString(plain.toString('base64'))),
    unwrap: (wrapped) => Promise.resolve(Buffer.from(safeStorage.decryptString(wrapped), 'base64')),
  };
}
