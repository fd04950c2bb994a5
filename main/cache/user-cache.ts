import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeyUnwrapError, type KeyWrapper, loadOrCreateCacheKey } from './cache-key';
import { type OpenCacheOptions, type OpenedCache, openCache, stampOf } from './open-cache';
import { moveAside, privateDir } from './private-files';
import { markOpened } from './purge';
import { userCacheFile, userCacheKeyFile, userDir } from './user-cache-path';

/**
 * Opens a signed-in user's own encrypted cache: unwraps its key through `wrappers` (the backend
 * releases its layer only to this user, signed in), opens the database and drops the key. A key
 * that no longer unwraps (the backend's secret rotated, the OS keychain reset) cannot be
 * recovered: the cache and its key are moved aside, never deleted, and a fresh cache is made,
 * so sign-in still works and the user is told.
 */
export async function openUserCache(
  dataDir: string,
  userId: string,
  wrappers: readonly KeyWrapper[],
  options: OpenCacheOptions = {},
): Promise<OpenedCache> {
  const now = options.now ?? (() => new Date());
  privateDir(dataDir);
  privateDir(join(dataDir, 'users'));
  privateDir(userDir(dataDir, userId));
  const file = userCacheFile(dataDir, userId);
  const keyFile = userCacheKeyFile(dataDir, userId);
  let loaded: { key: Buffer; created: boolean };
  let movedAside: string | null = null;
  try {
    loaded = await loadOrCreateCacheKey(keyFile, wrappers);
  } catch (error) {
    if (!(error instanceof KeyUnwrapError)) throw error;
    const stamp = stampOf(now());
    moveAside(keyFile, stamp, []);
    if (existsSync(file)) movedAside = moveAside(file, stamp);
    loaded = await loadOrCreateCacheKey(keyFile, wrappers);
  }
  try {
    const opened = openCache(file, { ...options, key: loaded.key });
    markOpened(userDir(dataDir, userId), now());
    return { db: opened.db, movedAside: opened.movedAside ?? movedAside };
  } finally {
    loaded.key.fill(0);
  }
}
