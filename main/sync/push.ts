import type { Bundle, Resource } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { BackendError } from '../backend-client/backend-client';
import { aboutOf } from '../cache/about';
import { reindexFromCache } from '../queue/queue-index';
import type { SignedInClient } from '../backend-client/backend-client';

interface OutboxRow {
  seq: number;
  idempotency_key: string;
  resource_type: string;
  resource_id: string;
  if_match: string | null;
  body: string;
}

export interface PushResult {
  pushed: number;
  conflicts: number;
}

/**
 * Drains the outbox in order, one change per request with its own idempotency key. A network
 * failure stops the drain (the row stays, the retry carries the same key). A refusal (412
 * conflict, 400/403) parks the row with the server's version for the user; it is never overwritten.
 */
export async function drainOutbox(db: Database.Database, client: SignedInClient, limit = Number.POSITIVE_INFINITY): Promise<PushResult> {
  const next = db.prepare("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1");
  const done = db.transaction((row: OutboxRow, stored: Resource | undefined) => {
    const versionId = stored?.meta?.versionId ?? '0';
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(row.seq);
    // Later local edits of the same resource were based on this one: they now follow its version.
    db.prepare("UPDATE outbox SET if_match = ? WHERE resource_type = ? AND resource_id = ? AND state = 'pending'").run(versionId, row.resource_type, row.resource_id);
    const stillLocal = db.prepare("SELECT 1 FROM outbox WHERE resource_type = ? AND resource_id = ? AND state = 'pending'").get(row.resource_type, row.resource_id);
    if (stillLocal) db.prepare('UPDATE resource SET version_id = ? WHERE type = ? AND id = ?').run(versionId, row.resource_type, row.resource_id);
    else
      db.prepare('UPDATE resource SET version_id = ?, last_updated = ?, body = ?, about = ?, local = 0 WHERE type = ? AND id = ?').run(
        versionId,
        stored?.meta?.lastUpdated ?? new Date().toISOString(),
        JSON.stringify(stored),
        aboutOf(stored),
        row.resource_type,
        row.resource_id,
      );
    reindexFromCache(db, row.resource_type, row.resource_id);
  });
  const doneBundle = db.transaction((row: OutboxRow, response: Bundle) => {
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(row.seq);
    const accept = db.prepare('UPDATE resource SET version_id = ?, last_updated = ?, body = ?, about = ?, local = 0 WHERE type = ? AND id = ?');
    for (const entry of response.entry ?? []) {
      const stored = entry.resource;
      if (!stored?.id) continue;
      accept.run(stored.meta?.versionId ?? '0', stored.meta?.lastUpdated ?? new Date().toISOString(), JSON.stringify(stored), aboutOf(stored), stored.resourceType, stored.id);
      reindexFromCache(db, stored.resourceType, stored.id);
    }
  });
  const park = db.prepare("UPDATE outbox SET state = 'conflict', http_status = ?, last_error = ?, server_body = ?, attempts = attempts + 1 WHERE seq = ?");
  const attempt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?');

  const result: PushResult = { pushed: 0, conflicts: 0 };
  while (result.pushed + result.conflicts < limit) {
    const row = next.get() as OutboxRow | undefined;
    if (!row) break;
    // A Bundle row is a whole transaction written together (a signed record): sent as it is.
    const whole = row.resource_type === 'Bundle';
    const bundle: Bundle = whole
      ? (JSON.parse(row.body) as Bundle)
      : {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              resource: JSON.parse(row.body) as never,
              request: { method: 'PUT', url: `${row.resource_type}/${row.resource_id}`, ...(row.if_match ? { ifMatch: `W/"${row.if_match}"` } : {}) },
            },
          ],
        };
    try {
      const response = await client.transaction(bundle, row.idempotency_key);
      if (whole) doneBundle(row, response);
      else {
        done(row, response.entry?.[0]?.resource);
      }
      result.pushed += 1;
    } catch (error) {
      if (error instanceof BackendError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429) {
        const server = !whole && error.status === 412 ? await client.read(row.resource_type, row.resource_id).catch(() => null) : null;
        park.run(error.status, error.message, server ? JSON.stringify(server) : null, row.seq);
        result.conflicts += 1;
        continue;
      }
      attempt.run(error instanceof Error ? error.message : String(error), row.seq);
      throw error;
    }
  }
  return result;
}
