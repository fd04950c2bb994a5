import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import { type PublicJwk, deviceProofSeconds, deviceProofType } from '../../shared/protocol/devices';
import type { KeyWrapper } from '../cache/cache-key';

/**
 * Where the device's private key is kept: a 0600 file in a 0700 folder, its bytes sealed by the
 * OS keychain in Electron (`safeStorage`, the same layer as the cache key's); in the browser host
 * and tests there is no keychain and the file is plain (docs/SECURITY.md says so).
 */
export interface Keystore {
  read(): Promise<Buffer | null>;
  write(bytes: Buffer): Promise<void>;
  remove(): void;
}

const keyContext = Buffer.from('kaari-device-key');

export function fileKeystore(file: string, wrapper?: KeyWrapper): Keystore {
  return {
    async read() {
      if (!existsSync(file)) return null;
      const bytes = readFileSync(file);
      return wrapper ? wrapper.unwrap(bytes, keyContext) : bytes;
    },
    async write(bytes) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, wrapper ? await wrapper.wrap(bytes, keyContext) : bytes, { mode: 0o600 });
    },
    remove: () => rmSync(file, { force: true }),
  };
}

export interface DeviceKey {
  publicJwk: PublicJwk;
  privateKey: CryptoKey;
}

/** A new ES256 key pair for enrollment. */
export async function newDeviceKey(): Promise<DeviceKey & { privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
    privateKey,
    privateJwk: await exportJWK(privateKey),
  };
}

/** A proof that this device holds its key, for one POST to `htu` (and one refresh token, by its hash `ath`). */
export function deviceProof(key: DeviceKey, deviceId: string, htu: string, ath?: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ htm: 'POST', htu, ...(ath ? { ath } : {}) })
    .setProtectedHeader({ alg: 'ES256', typ: deviceProofType })
    .setSubject(deviceId)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + deviceProofSeconds)
    .sign(key.privateKey);
}

export interface DeviceIdentity {
  readonly id: string;
  /** The enrolled key, or null before enrollment (and after revocation). */
  key(): Promise<DeviceKey | null>;
  /** Keeps a freshly enrolled key. */
  keep(key: DeviceKey & { privateJwk: JWK }): Promise<void>;
  /** The administrator revoked this device: its key and id go, so the next enrollment is a new device. */
  forget(): void;
}

/** This installation's id (a file) and enrolled key (the keystore). */
export function deviceIdentity(dataDir: string, keystore: Keystore): DeviceIdentity {
  const idFile = join(dataDir, 'device-id');
  const readId = () => {
    if (!existsSync(idFile)) writeFileSync(idFile, randomUUID(), { mode: 0o600 });
    return readFileSync(idFile, 'utf8').trim();
  };
  let id = readId();
  let cached: DeviceKey | null = null;
  return {
    get id() {
      return id;
    },
    async key() {
      if (cached) return cached;
      const bytes = await keystore.read();
      if (!bytes) return null;
      const stored = JSON.parse(bytes.toString('utf8')) as { publicJwk: PublicJwk; privateJwk: JWK };
      cached = { publicJwk: stored.publicJwk, privateKey: (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey };
      return cached;
    },
    async keep(key) {
      await keystore.write(Buffer.from(JSON.stringify({ publicJwk: key.publicJwk, privateJwk: key.privateJwk })));
      cached = { publicJwk: key.publicJwk, privateKey: key.privateKey };
    },
    forget() {
      keystore.remove();
      cached = null;
      rmSync(idFile, { force: true });
      id = readId();
    },
  };
}
