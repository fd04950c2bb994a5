import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { NewerDatabaseError, migrate } from './migrate';
import { migrations } from './migrations';
import { openCache } from './open-cache';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { ensureQueueIndex } from '../queue/queue-index';
import { queryQueue, residentContacts } from '../queue/queue-store';
import { readAbout } from './resources';
import { userCacheFile } from './user-cache-path';
import { testCacheKey } from '../../test/support/test-cache-key';

describe('local cache', () => {
  it('creates a new file at the latest schema, in WAL mode with full sync', () => {
    const file = join(tempDir('cache'), 'c.sqlite');
    const { db, movedAside } = openCache(file, { key: testCacheKey() });
    expect(movedAside).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  // From an empty file and from every earlier version: what was typed here is kept; copies of the
  // backend's data written before the access model (migration 012) are dropped and pulled again under it.
  for (let from = 0; from < migrations.length; from += 1) {
    it(`migrates from version ${from} to the latest and keeps the data typed here`, () => {
      const file = join(tempDir('cache'), 'c.sqlite');
      const old = new Database(file);
      migrate(old, migrations.slice(0, from));
      const hasLocal = from >= 3;
      if (from >= 1) {
        old
          .prepare(
            "INSERT INTO resource (type, id, version_id, last_updated, seq, body) VALUES ('Task', 'copy', '1', '2026-01-01T00:00:00Z', 5, '{}')",
          )
          .run();
        old.prepare("INSERT INTO sync_cursor (name, seq) VALUES ('changes', 5)").run();
      }
      if (hasLocal)
        old
          .prepare(
            "INSERT INTO resource (type, id, version_id, last_updated, seq, body, local) VALUES ('Task', 'typed', '0', '2026-01-01T00:00:00Z', 0, '{}', 1)",
          )
          .run();
      old.close();
      const { db } = openCache(file, { key: testCacheKey() });
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
      // From 012 on, server copies were written under the access model and stay.
      const keepsCopies = from >= 12;
      expect(db.prepare('SELECT id FROM resource ORDER BY id').all()).toEqual([
        ...(keepsCopies ? [{ id: 'copy' }] : []),
        ...(hasLocal ? [{ id: 'typed' }] : []),
      ]);
      expect(db.prepare("SELECT seq FROM sync_cursor WHERE name = 'changes'").get()).toEqual(
        keepsCopies ? { seq: 5 } : undefined,
      );
      db.close();
    });
  }

  it('migrating to lean writes keeps whom each cached resource is about, and rebuilds the queue from the cache', () => {
    const file = join(tempDir('cache'), 'c.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 8));
    // Typed here (local), so the access model's migration keeps them while it drops server copies.
    const insert = old.prepare(
      "INSERT INTO resource (type, id, version_id, last_updated, seq, body, local) VALUES (?, ?, '1', '2026-01-01T00:00:00Z', 1, ?, 1)",
    );
    insert.run(
      'Observation',
      'o1',
      JSON.stringify({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/r1' } }),
    );
    insert.run(
      'Task',
      't1',
      JSON.stringify(
        newQueueTask({
          id: 't1',
          kind: 'chat',
          urgency: 'P3',
          patientId: 'r1',
          authoredOn: '2026-01-01T08:00:00Z',
          description: 'Kuume',
        }),
      ),
    );
    old.prepare("INSERT INTO sync_cursor (name, seq) VALUES ('queue_index_version', 1)").run();
    old.close();
    const { db } = openCache(file, { key: testCacheKey() });
    expect(readAbout(db, 'r1', 'Observation').map((r) => r.id)).toEqual(['o1']);
    ensureQueueIndex(db);
    expect(residentContacts(db, 'r1').map((c) => c.id)).toEqual(['t1']);
    expect(queryQueue(db, { viewer: null, text: 'kuume', offset: 0, limit: 10 }).items.map((i) => i.id)).toEqual([
      't1',
    ]);
    db.close();
  });

  it('a second open changes nothing', () => {
    const file = join(tempDir('cache'), 'c.sqlite');
    openCache(file, { key: testCacheKey() }).db.close();
    const { db } = openCache(file, { key: testCacheKey() });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a cache written by a newer version instead of damaging it', () => {
    const file = join(tempDir('cache'), 'c.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openCache(file, { key: testCacheKey() })).toThrow(NewerDatabaseError);
    expect(existsSync(file)).toBe(true);
  });

  it('rolls back every step of a failing migration run', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('moves an unreadable file aside (never overwrites it) and starts a fresh cache', () => {
    const dir = tempDir('cache');
    const file = join(dir, 'c.sqlite');
    writeFileSync(file, 'this is not a database, and it is not ours to delete '.repeat(100));
    const { db, movedAside } = openCache(file, { key: testCacheKey(), now: () => new Date('2026-11-24T10:00:00Z') });
    expect(movedAside).toMatch(/c\.sqlite\.unreadable-2026-11-24T10-00-00-000Z$/);
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(['c.sqlite', 'c.sqlite.unreadable-2026-11-24T10-00-00-000Z']),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('gives each user their own file, and a user id cannot escape the data folder', () => {
    const a = userCacheFile('/data', 'staff-a');
    const b = userCacheFile('/data', 'staff-b');
    expect(a).not.toBe(b);
    expect(userCacheFile('/data', '../../etc/passwd').startsWith('/data/users/')).toBe(true);
  });

  it('finds pending outbox rows through its index, not a table scan', () => {
    const { db } = openCache(join(tempDir('cache'), 'c.sqlite'), { key: testCacheKey() });
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq").all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX outbox_pending');
    db.close();
  });
});
