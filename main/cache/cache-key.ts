import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from './private-files';

/**
 * Wraps the random key of one user's cache (docs/SECURITY.md). Layers are applied in order and
 * removed in reverse: the backend layer (a per-user key released only after sign-in) and, in
 * Electron, the OS keychain (safeStorage). `context` is the cache's salt.
 */
export interface KeyWrapper {
  readonly layer: string;
  wrap(plain: Buffer, context: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer, context: Buffer): Promise<Buffer>;
}

/** The wrapped key cannot be unwrapped (the wrapping key is not the one it was wrapped with). */
export class KeyUnwrapError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KeyUnwrapError';
  }
}

const aad = Buffer.from('kaari-cache-key/v1');

/** AES-256-GCM under `wrappingKey`: a wrong key or a changed byte fails authentication. */
export function aesGcmWrap(plain: Buffer, wrappingKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function aesGcmUnwrap(wrapped: Buffer, wrappingKey: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, wrapped.subarray(0, 12)).setAAD(aad);
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  } catch (error) {
    throw new KeyUnwrapError('The cache key does not open with this wrapping key.', { cause: error });
  }
}

/** The backend layer: the wrapping key is fetched (after sign-in) for this cache's salt, used, dropped. */
export function backendKeyWrapper(fetchKey: (salt: Buffer) => Promise<Buffer>): KeyWrapper {
  const withKey = async <T>(salt: Buffer, use: (key: Buffer) => T): Promise<T> => {
    const key = await fetchKey(salt);
    try {
      return use(key);
    } finally {
      key.fill(0);
    }
  };
  return {
    layer: 'backend',
    wrap: (plain, salt) => withKey(salt, (key) => aesGcmWrap(plain, key)),
    unwrap: (wrapped, salt) => withKey(salt, (key) => aesGcmUnwrap(wrapped, key)),
  };
}

const KeyFile = z.object({
  version: z.literal(1),
  salt: z.string().base64url(),
  layers: z.array(z.string()).min(1),
  wrapped: z.string().base64url(),
});

export const cacheKeyBytes = 32;

/**
 * The cache's key: unwrapped from `file` when it exists, else made at random and written
 * wrapped (before the database is created, so no cache ever exists without its key). Throws
 * KeyUnwrapError when the file does not open with `wrappers` (another user's, a reset keychain).
 */
export async function loadOrCreateCacheKey(
  file: string,
  wrappers: readonly KeyWrapper[],
): Promise<{ key: Buffer; created: boolean }> {
  if (wrappers.length === 0) throw new Error('A cache key is never stored unwrapped.');
  if (existsSync(file)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new KeyUnwrapError('The cache key file is not readable.', { cause: error });
    }
    const parsed = KeyFile.safeParse(raw);
    if (!parsed.success) throw new KeyUnwrapError('The cache key file is not readable.');
    const layers = wrappers.map((w) => w.layer);
    if (parsed.data.layers.join('+') !== layers.join('+')) {
      throw new KeyUnwrapError(
        `The cache key is wrapped by ${parsed.data.layers.join('+')}, this workstation has ${layers.join('+')}.`,
      );
    }
    const salt = Buffer.from(parsed.data.salt, 'base64url');
    let key: Buffer = Buffer.from(parsed.data.wrapped, 'base64url');
    for (const wrapper of [...wrappers].reverse()) key = await wrapper.unwrap(key, salt);
    if (key.length !== cacheKeyBytes) throw new KeyUnwrapError('The cache key has the wrong length.');
    return { key, created: false };
  }
  const key = randomBytes(cacheKeyBytes);
  const salt = randomBytes(16);
  let wrapped: Buffer = key;
  for (const wrapper of wrappers) wrapped = await wrapper.wrap(wrapped, salt);
  const content = {
    version: 1,
    salt: salt.toString('base64url'),
    layers: wrappers.map((w) => w.layer),
    wrapped: wrapped.toString('base64url'),
  };
  writePrivateFile(file, JSON.stringify(content));
  return { key, created: true };
}
