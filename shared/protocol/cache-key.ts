import { z } from 'zod';

/**
 * HTTP wire protocol: the per-user key that wraps a workstation's cache key (docs/SECURITY.md).
 * The salt is the cache's own (random, stored beside it, not secret), so every cache on every
 * device gets a different wrapping key, and only a signed-in user gets theirs.
 */
export const cacheKeyPath = '/auth/cache-key';

export const CacheKeyRequest = z
  .object({ salt: z.string().regex(/^[A-Za-z0-9_-]{22,86}$/, 'base64url, 16 to 64 bytes') })
  .strict();
export type CacheKeyRequest = z.infer<typeof CacheKeyRequest>;

export const CacheKeyResponse = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes, base64url') });
export type CacheKeyResponse = z.infer<typeof CacheKeyResponse>;
