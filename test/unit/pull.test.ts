import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change, ChangesPage } from '../../shared/protocol/sync';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { tempDir } from '../support/processes';
import { openCache } from '../../main/cache/open-cache';
import { writeLocal } from '../../main/cache/outbox';
import { readResource } from '../../main/cache/resources';
import { readCursor } from '../../main/cache/server-copy';
import { ensureQueueIndex } from '../../main/queue/queue-index';
import { pullChanges } from '../../main/sync/pull';
import type { SignedInClient } from '../../main/backend-client/backend-client';
import { testCacheKey } from '../support/cache-key';

const change = (seq: number, family = `P${seq}`): Change => ({
  seq,
  type: 'Patient',
  id: `p${seq}`,
  versionId: '1',
  lastUpdated: '2026-11-24T10:00:00.000Z',
  deleted: false,
  resource: { resourceType: 'Patient', id: `p${seq}`, name: [{ family }] },
});

function serverOf(changes: Change[], failOnCall?: number): SignedInClient & { calls: number } {
  const client = {
    calls: 0,
    async changes(after: number, limit: number): Promise<ChangesPage> {
      client.calls += 1;
      if (client.calls === failOnCall) throw new Error('network dropped');
      const page = changes.filter((c) => c.seq > after).slice(0, limit);
      return {
        changes: page,
        next: page.at(-1)?.seq ?? after,
        more: page.length === limit,
        latest: changes.at(-1)?.seq ?? 0,
      };
    },
    transaction: () => Promise.reject(new Error('unused')),
    update: () => Promise.reject(new Error('unused')),
    read: () => Promise.resolve(null),
    claim: () => Promise.reject(new Error('unused')),
    uploadAccess: () => Promise.resolve({ recorded: 0, alreadyRecorded: 0 }),
  };
  return client;
}

describe('pull', () => {
  it('resumes after a crash at the last committed page', async () => {
    const file = join(tempDir('pull'), 'c.sqlite');
    const changes = Array.from({ length: 25 }, (_, i) => change(i + 1));
    const { db } = openCache(file, { key: testCacheKey() });
    await expect(pullChanges(db, serverOf(changes, 3), undefined, 10)).rejects.toThrow('network dropped');
    expect(readCursor(db)).toBe(20);
    db.close();
    const reopened = openCache(file, { key: testCacheKey() }).db;
    const server = serverOf(changes);
    await pullChanges(reopened, server, undefined, 10);
    expect(server.calls).toBe(1);
    expect(readCursor(reopened)).toBe(25);
    expect((reopened.prepare('SELECT count(*) AS n FROM resource').get() as { n: number }).n).toBe(25);
  });

  it("reports progress against the server's latest sequence", async () => {
    const { db } = openCache(join(tempDir('pull'), 'c.sqlite'), { key: testCacheKey() });
    const seen: string[] = [];
    await pullChanges(
      db,
      serverOf(Array.from({ length: 30 }, (_, i) => change(i + 1))),
      (p) => seen.push(`${p.received}/${p.latest}`),
      10,
    );
    expect(seen).toEqual(['10/30', '20/30', '30/30', '30/30']);
  });

  it('never overwrites a resource that has local changes waiting in the outbox', async () => {
    const { db } = openCache(join(tempDir('pull'), 'c.sqlite'), { key: testCacheKey() });
    writeLocal(db, { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Mine' }] }, baseVersion: '1' });
    await pullChanges(db, serverOf([change(1, 'Theirs')]));
    expect(readResource(db, 'Patient', 'p1')).toMatchObject({ name: [{ family: 'Mine' }] });
  });

  it('routes each pulled contact by its resident as the cache holds them, even after a local edit between pages', async () => {
    const { db } = openCache(join(tempDir('pull'), 'c.sqlite'), { key: testCacheKey() });
    ensureQueueIndex(db);
    const task = (seq: number): Change => {
      const resource = newQueueTask({
        id: `t${seq}`,
        kind: 'chat',
        urgency: 'P5',
        patientId: 'p1',
        authoredOn: '2026-11-24T08:00:00.000Z',
        description: 'Kuume',
      });
      return {
        seq,
        type: 'Task',
        id: `t${seq}`,
        versionId: '1',
        lastUpdated: '2026-11-24T10:00:00.000Z',
        deleted: false,
        resource: { ...resource, id: `t${seq}` },
      };
    };
    const server = serverOf([change(1), task(2), task(3), task(4)]);
    const changes = server.changes.bind(server);
    server.changes = async (after, limit) => {
      // Between the two pages, the nurse records that the resident prefers Swedish.
      if (after === 2)
        writeLocal(db, {
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            communication: [{ language: { coding: [{ code: 'sv' }] }, preferred: true }],
          },
          baseVersion: '1',
        });
      return changes(after, limit);
    };
    await pullChanges(db, server, undefined, 2);
    const language = (id: string) =>
      (db.prepare('SELECT language FROM queue_item WHERE task_id = ?').get(id) as { language: string }).language;
    expect([language('t2'), language('t3'), language('t4')]).toEqual(['sv', 'sv', 'sv']);
  });

  it('keeps every later local write fully durable, also when a page fails to apply', async () => {
    const { db } = openCache(join(tempDir('pull'), 'c.sqlite'), { key: testCacheKey() });
    await pullChanges(db, serverOf([change(1)]));
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const broken = { ...change(2), type: null } as unknown as Change;
    await expect(pullChanges(db, serverOf([change(1), broken]))).rejects.toThrow();
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(readCursor(db)).toBe(1);
  });
});
