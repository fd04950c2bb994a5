import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { openCache } from '../../main/cache/open-cache';
import { ensureQueueIndex } from '../../main/queue/queue-index';
import { tempDir } from './processes';
import { testCacheKey } from './cache-key';

/** A signed-in workstation without the UI: the user, a sync client with their token, a fresh cache. */
export async function signedInWorkstation(backendUrl: string, username: string, password = 'kaari-demo') {
  const login = await createBackendClient(backendUrl).login({
    username,
    password,
    deviceId: `test-${username}-${Math.random().toString(36).slice(2, 8)}`,
  });
  const client = createBackendClient(backendUrl).signedIn({
    accessToken: () => login.accessToken,
    refresh: () => Promise.resolve(),
  });
  const file = join(tempDir('workstation'), 'cache.sqlite');
  const { db } = openCache(file, { key: testCacheKey() });
  // As at sign-in: the queue index follows every write of the cache.
  ensureQueueIndex(db);
  return { user: login.user, client, db, file };
}

/**
 * Contacts arrive as they do from residents' channels: written by someone who may (the team lead's
 * workstation stands in for the resident API here), not by the professional who then handles them,
 * who has no care relationship with the resident until she takes the contact.
 */
export async function contactsArrive(
  backendUrl: string,
  resources: readonly (Resource & { id: string })[],
): Promise<void> {
  const { client, db } = await signedInWorkstation(backendUrl, 'leena');
  await client.transaction(
    {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: resources.map((resource) => ({
        resource,
        request: { method: 'PUT' as const, url: `${resource.resourceType}/${resource.id}` },
      })),
    },
    randomUUID(),
  );
  db.close();
}
