import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { aboutOf } from '../cache/about';
import { reindexFromCache } from '../queue/queue-index';

export interface LocalWrite {
  resource: Resource & { id: string };
  /** The server version this change was based on; absent for a new resource. */
  baseVersion?: string;
}

/** The cache row of a local change: marked local until the backend accepts it. */
function putLocal(db: Database.Database, resource: Resource & { id: string }, baseVersion: string, at: Date): void {
  db.prepare(
    `INSERT INTO resource (type, id, version_id, last_updated, seq, body, local, about) VALUES (?, ?, ?, ?, 0, ?, 1, ?)
     ON CONFLICT (type, id) DO UPDATE SET body = excluded.body, local = 1, about = excluded.about`,
  ).run(resource.resourceType, resource.id, baseVersion, at.toISOString(), JSON.stringify(resource), aboutOf(resource));
  reindexFromCache(db, resource.resourceType, resource.id);
}

/**
 * A local change and its outbox row are written in one SQLite transaction: once this returns,
 * the change survives a crash and will reach the backend exactly once (its idempotency key).
 */
export function writeLocal(db: Database.Database, change: LocalWrite, now: () => Date = () => new Date()): string {
  const key = randomUUID();
  const { resource } = change;
  db.transaction(() => {
    putLocal(db, resource, change.baseVersion ?? '0', now());
    db.prepare(
      `INSERT INTO outbox (idempotency_key, resource_type, resource_id, if_match, body, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(key, resource.resourceType, resource.id, change.baseVersion ?? null, JSON.stringify(resource), now().toISOString());
  })();
  return key;
}

export function readLocal(db: Database.Database, type: string, id: string): Resource | null {
  const row = db.prepare('SELECT body FROM resource WHERE type = ? AND id = ?').get(type, id) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as Resource) : null;
}

/** The server version a cached resource is at ('0' for one made here), to base the next change on. */
export function localVersion(db: Database.Database, type: string, id: string): string | undefined {
  return (db.prepare('SELECT version_id FROM resource WHERE type = ? AND id = ?').get(type, id) as { version_id: string } | undefined)?.version_id;
}

export const pendingCount = (db: Database.Database): number =>
  (db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;

/**
 * Several resources that must reach the backend together (a signed record): each is written to
 * the cache as local, and the whole transaction Bundle is one outbox row with one idempotency
 * key, so the backend applies all of it once or none of it.
 */
export function writeLocalTransaction(db: Database.Database, bundle: Bundle & { id: string }, now: () => Date = () => new Date()): string {
  const key = randomUUID();
  db.transaction(() => {
    for (const entry of bundle.entry ?? []) {
      const r = entry.resource;
      if (r?.id) putLocal(db, r as Resource & { id: string }, r.meta?.versionId ?? '0', now());
    }
    db.prepare('INSERT INTO outbox (idempotency_key, resource_type, resource_id, if_match, body, created_at) VALUES (?, ?, ?, NULL, ?, ?)').run(
      key,
      'Bundle',
      bundle.id,
      JSON.stringify(bundle),
      now().toISOString(),
    );
  })();
  return key;
}
