import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { BackendUnreachableError } from '../backend-client/backend-client';
import { openCache } from '../cache/open-cache';
import { writeLocal } from '../cache/outbox';
import type { SignedInClient } from '../backend-client/backend-client';
import { createSyncEngine } from './sync-engine';
import { testCacheKey } from '../../test/support/test-cache-key';

const emptyServer: SignedInClient = {
  changes: async (after) => ({ changes: [], next: after, more: false, latest: after }),
  transaction: async () => ({
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [{ resource: { resourceType: 'Patient', id: 'p', meta: { versionId: '1' } } }],
  }),
  update: () => Promise.reject(new Error('unused')),
  read: () => Promise.resolve(null),
  claim: () => Promise.reject(new Error('unused')),
  uploadAccess: () => Promise.resolve({ recorded: 0, alreadyRecorded: 0 }),
};

describe('sync engine', () => {
  it('reports syncing then online, and offline when the backend cannot be reached', async () => {
    const { db } = openCache(join(tempDir('engine'), 'c.sqlite'), { key: testCacheKey() });
    const states: string[] = [];
    const engine = createSyncEngine({ db, client: emptyServer, onState: (s) => states.push(s), intervalMs: 60_000 });
    engine.kick();
    await engine.settle();
    expect(states).toEqual(['syncing', 'online']);
    engine.stop();

    const down = createSyncEngine({
      db,
      client: { ...emptyServer, changes: () => Promise.reject(new BackendUnreachableError(new Error('refused'))) },
      onState: (s) => states.push(s),
      intervalMs: 60_000,
    });
    down.kick();
    await down.settle();
    expect(states.at(-1)).toBe('offline');
    down.stop();
  });

  it('survives sign-out in the middle of a round: the cache closes and nothing more is touched', async () => {
    const { db } = openCache(join(tempDir('engine'), 'c.sqlite'), { key: testCacheKey() });
    writeLocal(db, { resource: { resourceType: 'Patient', id: 'p' } });
    let release!: () => void;
    const slow: SignedInClient = {
      ...emptyServer,
      transaction: async (...args) => {
        await new Promise<void>((r) => (release = r));
        return emptyServer.transaction(...args);
      },
    };
    const states: string[] = [];
    const engine = createSyncEngine({ db, client: slow, onState: (s) => states.push(s), intervalMs: 60_000 });
    engine.kick();
    await new Promise((r) => setTimeout(r, 10));
    engine.stop();
    db.close();
    release();
    await engine.settle();
    expect(states).toEqual(['syncing']);
  });
});
