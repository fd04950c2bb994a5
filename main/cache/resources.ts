import type { Resource } from '@medplum/fhirtypes';
import { aboutOf } from './about';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';

/**
 * Where a write comes from, which decides how it is written:
 * - `local`: typed on this workstation, not yet on the backend. Marked local, so no pull
 *   overwrites it before the push decides; committed with synchronous=FULL.
 * - `server`: a copy of what the backend holds (a pulled page, a claim's answer). A row with a
 *   local change is left alone; committed without an fsync (NORMAL): after a power cut WAL
 *   recovery rolls back to an earlier commit and sync pulls the rest again.
 * - `accepted`: the backend's answer to our own pushed change or the user's choice of the
 *   backend's version in a conflict: replaces the local row; FULL, as the outbox row goes with it.
 */
export type WriteOrigin = 'local' | 'server' | 'accepted';

export type ResourceWrite =
  | {
      resource: Resource & { id: string };
      versionId?: string;
      lastUpdated?: string;
      seq?: number;
      /** Where it is stored, when the sender names it apart from the body (the change feed). */
      type?: string;
      id?: string;
    }
  | { deleted: { type: string; id: string } };

/** One resource a write touched; `resource` is what the write put there, undefined when unknown (kept local, version only). */
export interface WrittenResource {
  type: string;
  id: string;
  resource: Resource | null | undefined;
}

export interface Written {
  origin: WriteOrigin;
  resources: WrittenResource[];
}

type Listener = (db: WritableDb, written: Written) => void;
const listeners = new WeakMap<WritableDb, Set<Listener>>();

/**
 * Listens to every resource write on this connection. Called inside the write's transaction, so
 * what a listener writes (the queue index) commits or rolls back with it.
 */
export function onWritten(db: WritableDb, listener: Listener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

function emit(db: WritableDb, written: Written): void {
  for (const listener of listeners.get(db) ?? []) listener(db, written);
}

const upsertLocalSql = `INSERT INTO resource (type, id, version_id, last_updated, seq, body, local, about) VALUES (?, ?, ?, ?, 0, ?, 1, ?)
  ON CONFLICT (type, id) DO UPDATE SET body = excluded.body, local = 1, about = excluded.about`;
// seq 0 (an answer outside the change feed) keeps the seq the row had.
const upsertServerSql = `INSERT INTO resource (type, id, version_id, last_updated, seq, body, about) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated,
    seq = CASE WHEN excluded.seq > 0 THEN excluded.seq ELSE resource.seq END, body = excluded.body, about = excluded.about
  WHERE resource.local = 0`;
const acceptSql = `INSERT INTO resource (type, id, version_id, last_updated, seq, body, about) VALUES (?, ?, ?, ?, 0, ?, ?)
  ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated,
    body = excluded.body, about = excluded.about, local = 0`;

type Statements = ReturnType<typeof statementsOf>;

function put(db: WritableDb, origin: WriteOrigin, write: ResourceWrite, now: string, st: Statements): WrittenResource {
  if ('deleted' in write) {
    const { type, id } = write.deleted;
    const changed = st.remove(origin).run(type, id).changes;
    return { type, id, resource: changed || origin !== 'server' ? null : undefined };
  }
  const { resource } = write;
  const type = write.type === undefined ? resource.resourceType : write.type;
  const id = write.id === undefined ? resource.id : write.id;
  // Positional parameters: binding a named-parameter object costs more than the insert itself.
  const body = JSON.stringify(resource);
  const about = aboutOf(resource);
  const versionId = write.versionId ?? resource.meta?.versionId ?? '0';
  const lastUpdated = write.lastUpdated ?? resource.meta?.lastUpdated ?? now;
  if (origin === 'local') {
    st.local.run(type, id, versionId, lastUpdated, body, about);
    return { type, id, resource };
  }
  if (origin === 'accepted') {
    st.accept.run(type, id, versionId, lastUpdated, body, about);
    return { type, id, resource };
  }
  const changed = st.server.run(type, id, versionId, lastUpdated, write.seq ?? 0, body, about).changes;
  // Not written: the row holds a local change, which the listener reads back as it is.
  return { type, id, resource: changed ? resource : undefined };
}

// Looked up once per write, not once per row of a 1,000-row page.
const statementsOf = (db: WritableDb) => ({
  local: prepared(db, upsertLocalSql),
  server: prepared(db, upsertServerSql),
  accept: prepared(db, acceptSql),
  remove: (origin: WriteOrigin) =>
    prepared(
      db,
      origin === 'server'
        ? 'DELETE FROM resource WHERE type = ? AND id = ? AND local = 0'
        : origin === 'accepted'
          ? 'DELETE FROM resource WHERE type = ? AND id = ? AND local = 1'
          : 'DELETE FROM resource WHERE type = ? AND id = ?',
    ),
});

/**
 * The one write path of the `resource` table: writes, sets whom each resource is about, tells
 * the listeners once, and runs `also` (the outbox row, the sync cursor) in the same transaction,
 * committed as durably as the origin asks (see WriteOrigin).
 */
export function writeResources<T = void>(
  db: WritableDb,
  origin: WriteOrigin,
  writes: readonly ResourceWrite[],
  also?: () => T,
): T {
  const run = db.transaction(() => {
    const now = new Date().toISOString();
    const st = statementsOf(db);
    const resources = writes.map((w) => put(db, origin, w, now, st));
    emit(db, { origin, resources });
    return also?.() as T;
  });
  // Inside a caller's transaction, its commit decides the durability.
  if (origin !== 'server' || db.inTransaction) return run();
  db.pragma('synchronous = NORMAL');
  try {
    return run();
  } finally {
    // Restored before any other code can run on this connection (better-sqlite3 is synchronous);
    // the next FULL commit makes these frames durable too.
    db.pragma('synchronous = FULL');
  }
}

/** Records that the backend's version of a still-local resource moved on (its later local edits are based on it). */
export function rebaseLocal(db: WritableDb, type: string, id: string, versionId: string): void {
  db.transaction(() => {
    prepared(db, 'UPDATE resource SET version_id = ? WHERE type = ? AND id = ?').run(versionId, type, id);
    emit(db, { origin: 'accepted', resources: [{ type, id, resource: undefined }] });
  })();
}

/** A cached resource, parsed (null when not cached). */
export function readResource<R extends Resource = Resource>(
  db: ReadableDb,
  type: R['resourceType'] | string,
  id: string,
): R | null {
  const row = prepared(db, 'SELECT body FROM resource WHERE type = ? AND id = ?').get(type, id) as
    { body: string } | undefined;
  return row ? (JSON.parse(row.body) as R) : null;
}

/** A cached resource with the backend version it is at ('0' for one made here). */
export function readResourceVersioned<R extends Resource = Resource>(
  db: ReadableDb,
  type: string,
  id: string,
): { resource: R; versionId: string } | null {
  const row = prepared(db, 'SELECT body, version_id FROM resource WHERE type = ? AND id = ?').get(type, id) as
    { body: string; version_id: string } | undefined;
  return row ? { resource: JSON.parse(row.body) as R, versionId: row.version_id } : null;
}

/** Every cached resource of one type, in the order the backend sent them (local ones last). */
export function readAllOfType<R extends Resource = Resource>(db: ReadableDb, type: string): R[] {
  return (
    prepared(db, 'SELECT body FROM resource WHERE type = ? ORDER BY seq = 0, seq, id').all(type) as { body: string }[]
  ).map((r) => JSON.parse(r.body) as R);
}

export const resourcesAboutSql = 'SELECT body FROM resource INDEXED BY resource_about WHERE about = ? AND type = ?';

/**
 * One resident's cached resources of one type, through the index of whom resources are about.
 * INDEXED BY, because without statistics SQLite may prefer the primary key's `type` prefix and
 * read every resource of that type to find one resident's.
 */
export function readAbout<R extends Resource = Resource>(db: ReadableDb, residentId: string, type: string): R[] {
  return (prepared(db, resourcesAboutSql).all(`Patient/${residentId}`, type) as { body: string }[]).map(
    (r) => JSON.parse(r.body) as R,
  );
}

/** The server version a cached resource is at ('0' for one made here), to base the next change on. */
export function cachedVersion(db: ReadableDb, type: string, id: string): string | undefined {
  return (
    prepared(db, 'SELECT version_id FROM resource WHERE type = ? AND id = ?').get(type, id) as
      { version_id: string } | undefined
  )?.version_id;
}

/** The contact's latest video visit (the Appointment whose supporting information is the Task). */
export function readVisitOf<R extends Resource = Resource>(db: ReadableDb, taskId: string): R | undefined {
  const row = prepared(
    db,
    "SELECT body FROM resource WHERE type = 'Appointment' AND json_extract(body, '$.supportingInformation[0].reference') = ? ORDER BY json_extract(body, '$.start') DESC LIMIT 1",
  ).get(`Task/${taskId}`) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as R) : undefined;
}
