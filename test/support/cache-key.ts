import Database from 'better-sqlite3-multiple-ciphers';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { backendKeyWrapper } from '../../main/cache/cache-key';
import { keyConnection } from '../../main/cache/open-cache';
import { openUserCache } from '../../main/cache/user-cache';

import { testCacheKey } from './test-cache-key';

export { testCacheKey };

/** Another connection to a cache opened with `testCacheKey`. */
export function connectWithTestKey(file: string, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  keyConnection(db, testCacheKey());
  return db;
}

/**
 * A user's cache in a workstation's data folder, opened as the workstation does: only after
 * signing in as that user, whose session releases the key's wrapping key.
 */
export async function openUserCacheSignedIn(
  backendUrl: string,
  dataDir: string,
  username: string,
  password = 'kaari-demo',
) {
  const backend = createBackendClient(backendUrl);
  const login = await backend.login({ username, password, deviceId: `test-${username}-cache` });
  const opened = await openUserCache(dataDir, login.user.id, [
    backendKeyWrapper((salt) => backend.cacheKey(login.accessToken, salt)),
  ]);
  return opened.db;
}
