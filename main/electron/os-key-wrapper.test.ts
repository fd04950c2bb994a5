import { describe, expect, it } from 'vitest';
import { KeyUnwrapError, backendKeyWrapper, loadOrCreateCacheKey } from '../cache/cache-key';
import { tempDir } from '../../test/support/processes';
import { type SafeStorageLike, osKeyWrapper } from './os-key-wrapper';

/** A stand-in keychain: what it encrypts only this "OS account" can decrypt. */
function keychain(account: string, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(`${account}:${plain}`),
    decryptString: (encrypted) => {
      const [owner, plain] = encrypted.toString().split(':');
      if (owner !== account)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return plain ?? '';
    },
  };
}

const backend = backendKeyWrapper(() => Promise.resolve(Buffer.alloc(32, 4)));

describe('the OS keychain layer of the cache key', () => {
  it('wraps over the backend layer, and the key opens only in the same OS account', async () => {
    const file = `${tempDir('os-key')}/cache.key`;
    const mine = osKeyWrapper(keychain('aino'), 'win32');
    if (!mine) throw new Error('expected a keychain layer');
    const made = await loadOrCreateCacheKey(file, [backend, mine]);
    expect((await loadOrCreateCacheKey(file, [backend, mine])).key).toEqual(made.key);
    const elsewhere = osKeyWrapper(keychain('copied-disk'), 'win32');
    if (!elsewhere) throw new Error('expected a keychain layer');
    await expect(loadOrCreateCacheKey(file, [backend, elsewhere])).rejects.toBeInstanceOf(KeyUnwrapError);
  });

  it('is not used where the OS has no real keychain', () => {
    expect(osKeyWrapper(keychain('aino', 'basic_text'), 'linux')).toBeUndefined();
    expect(osKeyWrapper({ ...keychain('aino'), isEncryptionAvailable: () => false }, 'darwin')).toBeUndefined();
  });
});
