import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * One folder per signed-in user, named by a hash so that a user id can never escape the data
 * folder and office colleagues' caches never share a file.
 */
export function userDir(dataDir: string, userId: string): string {
  const key = createHash('sha256').update(userId).digest('hex').slice(0, 32);
  return join(usersDir(dataDir), key);
}

export const usersDir = (dataDir: string): string => join(dataDir, 'users');
export const userCacheFile = (dataDir: string, userId: string): string =>
  join(userDir(dataDir, userId), 'cache.sqlite');
/** The cache's key, wrapped (main/cache/cache-key.ts): without it the cache is noise. */
export const userCacheKeyFile = (dataDir: string, userId: string): string =>
  join(userDir(dataDir, userId), 'cache.key');
