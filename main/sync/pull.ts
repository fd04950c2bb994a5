import type Database from 'better-sqlite3';
import type { Change } from '../../shared/protocol/sync';
import { aboutOf } from '../cache/about';
import { writeServerCopy } from '../cache/server-copy';
import { QueueIndexer } from '../queue/queue-index';
import type { SignedInClient } from '../backend-client/backend-client';

export interface PullProgress {
  cursor: number;
  latest: number;
  received: number;
}

const cursorName = 'changes';

export const readCursor = (db: Database.Database): number =>
  (db.prepare('SELECT seq FROM sync_cursor WHERE name = ?').get(cursorName) as { seq: number } | undefined)?.seq ?? 0;

const upsertSql = `INSERT INTO resource (type, id, version_id, last_updated, seq, body, about) VALUES (?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated, seq = excluded.seq,
     body = excluded.body, about = excluded.about
   WHERE resource.local = 0`;

/**
 * Pulls every change after the stored cursor, one SQLite transaction per page (resources, queue
 * index and cursor together), so a crash resumes at the last committed page. A resource with
 * local changes still in the outbox keeps its local body: the push decides, not the pull.
 */
export async function pullChanges(db: Database.Database, client: SignedInClient, onProgress: (p: PullProgress) => void = () => undefined, pageSize = 1000): Promise<number> {
  const upsert = db.prepare(upsertSql);
  const remove = db.prepare('DELETE FROM resource WHERE type = ? AND id = ? AND local = 0');
  const saveCursor = db.prepare('INSERT INTO sync_cursor (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq');
  // One for the whole pull: residents looked up once across pages.
  const indexer = new QueueIndexer(db);
  const applyPage = db.transaction((changes: Change[], next: number) => {
    indexer.discard();
    // Rows left alone because they hold a local change (the statements' `local = 0` guards).
    const kept = new Set<Change>();
    for (const c of changes) {
      // Positional parameters: binding a named-parameter object costs more than the insert itself.
      const written =
        c.deleted || !c.resource
          ? remove.run(c.type, c.id).changes
          : upsert.run(c.type, c.id, c.versionId, c.lastUpdated, c.seq, JSON.stringify(c.resource), aboutOf(c.resource)).changes;
      if (!written) kept.add(c);
    }
    // Indexed once the page is in the cache, so a resident and their contacts in one page agree.
    for (const c of changes) {
      if (kept.has(c)) indexer.reindex(c.type, c.id);
      else indexer.index(c.deleted ? null : (c.resource as { resourceType: string } | null), c.type, c.id);
    }
    indexer.flush();
    saveCursor.run(cursorName, next);
  });

  let cursor = readCursor(db);
  let received = 0;
  for (;;) {
    const page = await client.changes(cursor, pageSize);
    writeServerCopy(db, () => applyPage(page.changes, page.next));
    cursor = page.next;
    received += page.changes.length;
    onProgress({ cursor, latest: page.latest, received });
    if (!page.more) return received;
  }
}
