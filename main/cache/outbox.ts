import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';
import { type ResourceWrite, rebaseLocal, writeResources } from './resources';

/** One change waiting for the backend: a resource, or a whole transaction Bundle (resourceType 'Bundle'). */
export interface OutboxRow {
  seq: number;
  idempotency_key: string;
  resource_type: string;
  resource_id: string;
  if_match: string | null;
  body: string;
  created_at: string;
  http_status: number | null;
  last_error: string | null;
  server_body: string | null;
}

export interface LocalWrite {
  resource: Resource & { id: string };
  /** The server version this change was based on; absent for a new resource. */
  baseVersion?: string;
}

const insertSql =
  'INSERT INTO outbox (idempotency_key, resource_type, resource_id, if_match, body, created_at) VALUES (?, ?, ?, ?, ?, ?)';

/**
 * A local change and its outbox row are written in one SQLite transaction: once this returns,
 * the change survives a crash and will reach the backend exactly once (its idempotency key).
 */
export function writeLocal(db: WritableDb, change: LocalWrite, now: () => Date = () => new Date()): string {
  const key = randomUUID();
  const { resource } = change;
  const at = now().toISOString();
  writeResources(db, 'local', [{ resource, versionId: change.baseVersion ?? '0', lastUpdated: at }], () =>
    prepared(db, insertSql).run(
      key,
      resource.resourceType,
      resource.id,
      change.baseVersion ?? null,
      JSON.stringify(resource),
      at,
    ),
  );
  return key;
}

/**
 * Several resources that must reach the backend together (a signed record): each is written to
 * the cache as local, and the whole transaction Bundle is one outbox row with one idempotency
 * key, so the backend applies all of it once or none of it.
 */
export function writeLocalTransaction(
  db: WritableDb,
  bundle: Bundle & { id: string },
  now: () => Date = () => new Date(),
): string {
  const key = randomUUID();
  const at = now().toISOString();
  const writes: ResourceWrite[] = (bundle.entry ?? []).flatMap((entry) => {
    const r = entry.resource;
    return r?.id
      ? [{ resource: r as Resource & { id: string }, versionId: r.meta?.versionId ?? '0', lastUpdated: at }]
      : [];
  });
  writeResources(db, 'local', writes, () =>
    prepared(db, insertSql).run(key, 'Bundle', bundle.id, null, JSON.stringify(bundle), at),
  );
  return key;
}

export const pendingCount = (db: ReadableDb): number =>
  (prepared(db, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;

export const nextPending = (db: ReadableDb): OutboxRow | undefined =>
  prepared(db, "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1").get() as OutboxRow | undefined;

/** The backend stored a single pushed change: the row goes, and the cache takes the stored version. */
export function acceptPushed(db: WritableDb, row: OutboxRow, stored: Resource | undefined): void {
  const versionId = stored?.meta?.versionId ?? '0';
  db.transaction(() => {
    prepared(db, 'DELETE FROM outbox WHERE seq = ?').run(row.seq);
    // Later local edits of the same resource were based on this one: they now follow its version.
    prepared(
      db,
      "UPDATE outbox SET if_match = ? WHERE resource_type = ? AND resource_id = ? AND state = 'pending'",
    ).run(versionId, row.resource_type, row.resource_id);
    const stillLocal = prepared(
      db,
      "SELECT 1 FROM outbox WHERE resource_type = ? AND resource_id = ? AND state = 'pending'",
    ).get(row.resource_type, row.resource_id);
    if (stillLocal || !stored?.id) rebaseLocal(db, row.resource_type, row.resource_id, versionId);
    else writeResources(db, 'accepted', [{ resource: stored as Resource & { id: string } }]);
  })();
}

/** The backend applied a whole pushed transaction Bundle: the row goes, and each stored resource is cached. */
export function acceptPushedBundle(db: WritableDb, row: OutboxRow, response: Bundle): void {
  const stored = (response.entry ?? []).flatMap((e) =>
    e.resource?.id ? [{ resource: e.resource as Resource & { id: string } }] : [],
  );
  writeResources(db, 'accepted', stored, () => prepared(db, 'DELETE FROM outbox WHERE seq = ?').run(row.seq));
}

/** A refused change waits for the user's decision, with the server's version when there is one. */
export function parkConflict(
  db: WritableDb,
  seq: number,
  status: number,
  message: string,
  server: Resource | null,
): void {
  prepared(
    db,
    "UPDATE outbox SET state = 'conflict', http_status = ?, last_error = ?, server_body = ?, attempts = attempts + 1 WHERE seq = ?",
  ).run(status, message, server ? JSON.stringify(server) : null, seq);
}

export function recordAttempt(db: WritableDb, seq: number, error: string): void {
  prepared(db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?').run(error, seq);
}

export const conflictCount = (db: ReadableDb): number =>
  (prepared(db, "SELECT count(*) AS n FROM outbox WHERE state = 'conflict'").get() as { n: number }).n;

export const conflictRows = (db: ReadableDb): OutboxRow[] =>
  prepared(db, "SELECT * FROM outbox WHERE state = 'conflict' ORDER BY seq").all() as OutboxRow[];

export const conflictRow = (db: ReadableDb, seq: number): OutboxRow | undefined =>
  prepared(db, "SELECT * FROM outbox WHERE seq = ? AND state = 'conflict'").get(seq) as OutboxRow | undefined;

/** "Mine": the change goes again, on top of the server's current version (an explicit overwrite). */
export function requeue(db: WritableDb, seq: number, ifMatch: string | null): void {
  prepared(
    db,
    "UPDATE outbox SET state = 'pending', if_match = ?, attempts = 0, last_error = NULL, http_status = NULL, server_body = NULL WHERE seq = ?",
  ).run(ifMatch, seq);
}

/** "Theirs": the change is dropped; unless later changes of it wait, the cache shows the server's version (or, refused outright, nothing until the next pull). */
export function dropChange(db: WritableDb, row: OutboxRow, theirs: Resource | null): void {
  db.transaction(() => {
    prepared(db, 'DELETE FROM outbox WHERE seq = ?').run(row.seq);
    if (
      prepared(db, 'SELECT 1 FROM outbox WHERE resource_type = ? AND resource_id = ?').get(
        row.resource_type,
        row.resource_id,
      )
    )
      return;
    writeResources(db, 'accepted', [
      theirs?.id
        ? { resource: theirs as Resource & { id: string }, lastUpdated: theirs.meta?.lastUpdated ?? row.created_at }
        : { deleted: { type: row.resource_type, id: row.resource_id } },
    ]);
  })();
}

/** Where each of these resources' outgoing changes stands: waiting, or refused and parked. */
export function outboxStatesOf(
  db: ReadableDb,
  type: string,
  ids: readonly string[],
): Map<string, 'pending' | 'conflict'> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT resource_id, state FROM outbox WHERE resource_type = ? AND resource_id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(type, ...ids) as {
    resource_id: string;
    state: 'pending' | 'conflict';
  }[];
  return new Map(rows.map((r) => [r.resource_id, r.state]));
}
