import type Database from 'better-sqlite3';
import { PatientMemo, indexResource, reindexFromCache } from '../queue/queue-index';
import { aboutOf } from '../cache/about';
import type { SyncClient } from './sync-client';

export interface PullProgress {
  cursor: number;
  latest: number;
  received: number;
}

const cursorName = 'changes';

export const readCursor = (db: Database.Database): number =>
  (db.prepare('SELECT seq FROM sync_cursor WHERE name = ?').get(cursorName) as { seq: number } | undefined)?.seq ?? 0;

/**
 * Pulls every change after the stored cursor, one SQLite transaction per page (resources and the
 * cursor together), so a crash resumes at the last committed page. A resource with local changes
 * still in the outbox keeps its local body: the push decides, not the pull.
 */
export async function pullChanges(db: Database.Database, client: SyncClient, onProgress: (p: PullProgress) => void = () => undefined, pageSize = 1000): Promise<number> {
  const upsert = db.prepare(
    `INSERT INTO resource (type, id, version_id, last_updated, seq, body, about) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated, seq = excluded.seq, body = excluded.body, about = excluded.about
     WHERE resource.local = 0`,
  );
  const remove = db.prepare('DELETE FROM resource WHERE type = ? AND id = ? AND local = 0');
  const saveCursor = db.prepare('INSERT INTO sync_cursor (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq');
  const applyPage = db.transaction((changes: Awaited<ReturnType<SyncClient['changes']>>['changes'], next: number) => {
    for (const c of changes) {
      const written =
        c.deleted || !c.resource
          ? remove.run(c.type, c.id).changes
          : upsert.run(c.type, c.id, c.versionId, c.lastUpdated, c.seq, JSON.stringify(c.resource), aboutOf(c.resource)).changes;
      // What was written is what we hold in hand; a row kept for its local change is read back.
      if (written) indexResource(db, c.deleted ? null : (c.resource as { resourceType: string } | null), c.type, c.id, patients);
      else reindexFromCache(db, c.type, c.id);
    }
    saveCursor.run(cursorName, next);
  });

  const patients = new PatientMemo();
  let cursor = readCursor(db);
  let received = 0;
  for (;;) {
    const page = await client.changes(cursor, pageSize);
    applyPage(page.changes, page.next);
    cursor = page.next;
    received += page.changes.length;
    onProgress({ cursor, latest: page.latest, received });
    if (!page.more) return received;
  }
}
