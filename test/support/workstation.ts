import { join } from 'node:path';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { openCache } from '../../main/cache/open-cache';
import { ensureQueueIndex } from '../../main/queue/queue-index';
import { tempDir } from './processes';

/** A signed-in workstation without the UI: the user, a sync client with their token, a fresh cache. */
export async function signedInWorkstation(backendUrl: string, username: string, password = 'kaari-demo') {
  const login = await createBackendClient(backendUrl).login({ username, password, deviceId: `test-${username}-${Math.random().toString(36).slice(2, 8)}` });
  const client = createBackendClient(backendUrl).signedIn({ accessToken: () => login.accessToken, refresh: () => Promise.resolve() });
  const file = join(tempDir('workstation'), 'cache.sqlite');
  const { db } = openCache(file);
  // As at sign-in: the queue index follows every write of the cache.
  ensureQueueIndex(db);
  return { user: login.user, client, db, file };
}
