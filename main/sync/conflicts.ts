import type Database from 'better-sqlite3';
import { ContractError, type SyncConflict } from '../../shared/contract';
import { aboutOf } from '../cache/about';
import { reindexFromCache } from '../queue/queue-index';

interface Row {
  seq: number;
  resource_type: string;
  resource_id: string;
  created_at: string;
  http_status: number | null;
  last_error: string | null;
  body: string;
  server_body: string | null;
}

export const conflictCount = (db: Database.Database): number =>
  (db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'conflict'").get() as { n: number }).n;

export function listConflicts(db: Database.Database): SyncConflict[] {
  const rows = db.prepare("SELECT * FROM outbox WHERE state = 'conflict' ORDER BY seq").all() as Row[];
  return rows.map((r) => ({
    id: r.seq,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    createdAt: r.created_at,
    httpStatus: r.http_status,
    reason: r.last_error,
    mine: JSON.parse(r.body) as Record<string, unknown>,
    theirs: r.server_body ? (JSON.parse(r.server_body) as Record<string, unknown>) : null,
  }));
}

/**
 * The user's decision on a refused change. "mine" re-queues it on top of the server's current
 * version (an explicit overwrite, never a silent one); "theirs" drops it and shows the server's.
 */
export function resolveConflict(db: Database.Database, id: number, keep: 'mine' | 'theirs'): void {
  const row = db.prepare("SELECT * FROM outbox WHERE seq = ? AND state = 'conflict'").get(id) as Row | undefined;
  if (!row) throw new ContractError('not_found', 'This conflict was already resolved.');
  const theirs = row.server_body ? (JSON.parse(row.server_body) as { meta?: { versionId?: string; lastUpdated?: string } }) : null;
  db.transaction(() => {
    if (keep === 'mine') {
      if (!theirs) throw new ContractError('conflict', 'The backend refused this change itself; it cannot be sent again as it is.');
      db.prepare("UPDATE outbox SET state = 'pending', if_match = ?, attempts = 0, last_error = NULL, http_status = NULL, server_body = NULL WHERE seq = ?").run(theirs.meta?.versionId ?? null, id);
      return;
    }
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(id);
    const stillLocal = db.prepare('SELECT 1 FROM outbox WHERE resource_type = ? AND resource_id = ?').get(row.resource_type, row.resource_id);
    if (stillLocal) return;
    if (theirs) {
      db.prepare('UPDATE resource SET body = ?, about = ?, version_id = ?, last_updated = ?, local = 0 WHERE type = ? AND id = ?').run(row.server_body, aboutOf(theirs), theirs.meta?.versionId ?? '0', theirs.meta?.lastUpdated ?? row.created_at, row.resource_type, row.resource_id);
    } else {
      // Refused outright and never on the server: the next pull restores whatever the server has.
      db.prepare('DELETE FROM resource WHERE type = ? AND id = ? AND local = 1').run(row.resource_type, row.resource_id);
    }
    reindexFromCache(db, row.resource_type, row.resource_id);
  })();
}
