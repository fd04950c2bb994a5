import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeyWrapper } from '../cache/cache-key';
import { tempDir } from '../../test/support/processes';
import { deviceIdentity, fileKeystore, newDeviceKey } from './device-identity';

/** Stands in for the OS keychain: XOR is no protection, it only shows the bytes on disk are not the key's. */
const fakeKeychain: KeyWrapper = {
  layer: 'test',
  wrap: async (plain) => Buffer.from(plain.map((b) => b ^ 0x5a)),
  unwrap: async (wrapped) => Buffer.from(wrapped.map((b) => b ^ 0x5a)),
};

describe('the device identity', () => {
  it('keeps the private key in a 0600 file, sealed by the keychain where there is one, and reads it back', async () => {
    const dir = tempDir('device');
    const file = join(dir, 'keys', 'device-key');
    const device = deviceIdentity(dir, fileKeystore(file, fakeKeychain));
    expect(await device.key()).toBeNull();
    const key = await newDeviceKey();
    await device.keep(key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file).toString('latin1')).not.toContain(key.privateJwk.d!);
    const again = deviceIdentity(dir, fileKeystore(file, fakeKeychain));
    expect(again.id).toBe(device.id);
    expect((await again.key())?.publicJwk).toEqual(key.publicJwk);
  });

  it('forgets its key and takes a new id when revoked, so the next enrollment is a new device', async () => {
    const dir = tempDir('device');
    const device = deviceIdentity(dir, fileKeystore(join(dir, 'device-key')));
    const before = device.id;
    await device.keep(await newDeviceKey());
    device.forget();
    expect(await device.key()).toBeNull();
    expect(device.id).not.toBe(before);
  });
});
