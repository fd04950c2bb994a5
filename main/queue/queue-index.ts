import type { Patient, Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { type QueueKeys, queueKeys, residentIdOf } from '../../shared/queue/queue-item';
import { openStatuses } from '../../shared/queue/task-conventions';
import { prepared } from '../cache/prepared';
import { invalidateQueueKeys, touchQueueKey } from './queue-order';

/** Bump when queueKeys' derivation changes: caches then rebuild their index once. */
export const queueIndexVersion = 2;

/** Any Patient written outside an indexer's own batch (a local edit between two pages). */
let patientWrites = 0;

/** A resident from the cache, parsed (undefined when not cached). */
export const readPatient = (db: Database.Database, id: string): Patient | undefined => {
  const row = prepared(db, "SELECT body FROM resource WHERE type = 'Patient' AND id = ?").get(id) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as Patient) : undefined;
};

const upsertSql = `INSERT INTO queue_item (urgency_rank, deadline, contact_at, task_id, holder_id, profession, language, theme, search)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (task_id) DO UPDATE SET urgency_rank = excluded.urgency_rank, deadline = excluded.deadline, contact_at = excluded.contact_at,
    holder_id = excluded.holder_id, profession = excluded.profession, language = excluded.language, theme = excluded.theme, search = excluded.search`;

/**
 * Keeps the queue index in step with the cache inside the transaction that writes the cache, so
 * the two never disagree. One indexer can serve a whole sync: residents are looked up once
 * (a county's 100,000 contacts belong to a tenth as many residents, each lookup parses a
 * Patient), and each Task's row is written once at flush(), in its last state of the page.
 */
export class QueueIndexer {
  /** Per task id, its keys to write or null to remove; only the last state of a page counts. */
  private readonly pending = new Map<string, QueueKeys | null>();
  private readonly patients = new Map<string, Patient | undefined>();
  private seen = patientWrites;

  constructor(private readonly db: Database.Database) {}

  /** The residents looked up so far, emptied first if a Patient was written elsewhere meanwhile. */
  private known(): Map<string, Patient | undefined> {
    if (this.seen !== patientWrites) {
      this.patients.clear();
      this.seen = patientWrites;
    }
    return this.patients;
  }

  private patient(id: string): Patient | undefined {
    const known = this.known();
    if (!known.has(id)) known.set(id, readPatient(this.db, id));
    return known.get(id);
  }

  /** Only open Tasks are queued; a closed one leaves the index. */
  private task(task: Task & { id: string }, patient: Patient | undefined): void {
    touchQueueKey(this.db, task.id);
    this.pending.set(task.id, openStatuses.includes(task.status) ? queueKeys(task, patient) : null);
  }

  /** A resource as just written to the cache (null: deleted). */
  index(resource: { resourceType: string; id?: string } | null, type: string, id: string): void {
    if (type === 'Task') {
      if (resource) this.task(resource as Task & { id: string }, this.patient(residentIdOf(resource as Task)));
      else {
        touchQueueKey(this.db, id);
        this.pending.set(id, null);
      }
    } else if (type === 'Patient') {
      const known = this.known();
      patientWrites += 1;
      this.seen = patientWrites;
      known.set(id, (resource as Patient | null) ?? undefined);
      if (!resource) return;
      // A resident's name or language changed (or arrived after their Tasks): refresh their open items.
      const rows = prepared(this.db, "SELECT body FROM resource INDEXED BY resource_about WHERE about = ? AND type = 'Task'").all(`Patient/${id}`) as { body: string }[];
      for (const row of rows) this.task(JSON.parse(row.body) as Task & { id: string }, resource as Patient);
    }
  }

  /** A resource as the cache now holds it (after a write that may have kept a local version). */
  reindex(type: string, id: string): void {
    if (type !== 'Task' && type !== 'Patient') return;
    const row = prepared(this.db, 'SELECT body FROM resource WHERE type = ? AND id = ?').get(type, id) as { body: string } | undefined;
    this.index(row ? (JSON.parse(row.body) as { resourceType: string }) : null, type, id);
  }

  /** Writes what index() gathered; call before the transaction commits. */
  flush(): void {
    const upsert = prepared(this.db, upsertSql);
    const remove = prepared(this.db, 'DELETE FROM queue_item WHERE task_id = ?');
    for (const [id, k] of this.pending) {
      if (k) upsert.run(k.rank, k.deadline, k.contactAt, k.id, k.holderId, k.profession, k.language, k.theme, k.search);
      else remove.run(id);
    }
    this.pending.clear();
  }

  /** Forgets what was gathered for a transaction that rolled back. */
  discard(): void {
    this.pending.clear();
  }
}

/** Indexes one resource just written, inside the transaction that wrote it. */
export function indexResource(db: Database.Database, resource: { resourceType: string; id?: string } | null, type: string, id: string): void {
  const indexer = new QueueIndexer(db);
  indexer.index(resource, type, id);
  indexer.flush();
}

/** Re-indexes a resource from what the cache now holds for it (after any write). */
export function reindexFromCache(db: Database.Database, type: string, id: string): void {
  const indexer = new QueueIndexer(db);
  indexer.reindex(type, id);
  indexer.flush();
}

/** Rebuilds the whole index when it was built by another derivation version (or never). */
export function ensureQueueIndex(db: Database.Database): void {
  const built = (db.prepare("SELECT seq FROM sync_cursor WHERE name = 'queue_index_version'").get() as { seq: number } | undefined)?.seq;
  if (built === queueIndexVersion) return;
  invalidateQueueKeys(db);
  db.transaction(() => {
    db.prepare('DELETE FROM queue_item').run();
    const indexer = new QueueIndexer(db);
    // all(), not iterate(): the flush below writes on the same connection.
    for (const row of db.prepare("SELECT body FROM resource WHERE type = 'Task'").all() as { body: string }[]) {
      const task = JSON.parse(row.body) as Task & { id: string };
      indexer.index(task, 'Task', task.id);
    }
    indexer.flush();
    db.prepare("INSERT INTO sync_cursor (name, seq) VALUES ('queue_index_version', ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq").run(queueIndexVersion);
  })();
}
