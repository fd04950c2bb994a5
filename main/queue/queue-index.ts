import type { Patient, Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { urgencyRank } from '../../shared/care-guarantee/urgency';
import { type QueueItem, toQueueItem } from '../../shared/queue/queue-item';
import { openStatuses } from '../../shared/queue/task-conventions';
import { invalidateQueueKeys, touchQueueKey } from './queue-order';

/** Bump when toQueueItem's derivation changes: caches then rebuild their index once. */
export const queueIndexVersion = 1;

// Prepared once per connection: indexing runs for every Task of a cold sync.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

const readPatient = (db: Database.Database, id: string): Patient | undefined => {
  const row = stmt(db, "SELECT body FROM resource WHERE type = 'Patient' AND id = ?").get(id) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as Patient) : undefined;
};

function upsertItem(db: Database.Database, task: Task, item: QueueItem): void {
  touchQueueKey(db, item.id);
  // Positional parameters: binding a named-parameter object costs more than the insert itself.
  stmt(
    db,
    `INSERT INTO queue_item (task_id, open, urgency_rank, deadline, contact_at, resident_id, profession, language, theme, holder_id, search, item)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (task_id) DO UPDATE SET open = excluded.open, urgency_rank = excluded.urgency_rank, deadline = excluded.deadline,
       contact_at = excluded.contact_at, resident_id = excluded.resident_id, profession = excluded.profession, language = excluded.language,
       theme = excluded.theme, holder_id = excluded.holder_id, search = excluded.search, item = excluded.item`,
  ).run(
    item.id,
    openStatuses.includes(task.status) ? 1 : 0,
    urgencyRank(item.urgency),
    item.deadline,
    item.contactAt,
    item.resident.id,
    item.profession,
    item.resident.language,
    item.theme,
    item.holder?.id ?? null,
    `${item.resident.name} ${item.reason} ${item.kind}`.toLocaleLowerCase('fi'),
    JSON.stringify(item),
  );
}

/** Call inside the transaction that wrote the resource, so cache and index never disagree. */
export function indexResource(db: Database.Database, resource: { resourceType: string; id?: string } | null, type: string, id: string): void {
  if (type === 'Task') {
    if (!resource) {
      touchQueueKey(db, id);
      stmt(db, 'DELETE FROM queue_item WHERE task_id = ?').run(id);
      return;
    }
    const task = resource as Task;
    const patientId = task.for?.reference?.replace(/^Patient\//, '') ?? '';
    upsertItem(db, task, toQueueItem(task, readPatient(db, patientId)));
  } else if (type === 'Patient' && resource) {
    // A resident's name, age or language changed (or arrived after their Tasks): refresh their items.
    const rows = stmt(db, "SELECT body FROM resource WHERE type = 'Task' AND id IN (SELECT task_id FROM queue_item WHERE resident_id = ?)").all(id) as { body: string }[];
    for (const row of rows) {
      const task = JSON.parse(row.body) as Task;
      upsertItem(db, task, toQueueItem(task, resource as Patient));
    }
  }
}

/** Re-indexes a resource from what the cache now holds for it (after any write). */
export function reindexFromCache(db: Database.Database, type: string, id: string): void {
  if (type !== 'Task' && type !== 'Patient') return;
  const row = stmt(db, 'SELECT body FROM resource WHERE type = ? AND id = ?').get(type, id) as { body: string } | undefined;
  indexResource(db, row ? (JSON.parse(row.body) as { resourceType: string }) : null, type, id);
}

/** Rebuilds the whole index when it was built by another derivation version (or never). */
export function ensureQueueIndex(db: Database.Database): void {
  const built = (db.prepare("SELECT seq FROM sync_cursor WHERE name = 'queue_index_version'").get() as { seq: number } | undefined)?.seq;
  if (built === queueIndexVersion) return;
  invalidateQueueKeys(db);
  db.transaction(() => {
    db.prepare('DELETE FROM queue_item').run();
    const patients = new Map<string, Patient>();
    // all(), not iterate(): the loop below writes on the same connection.
    for (const row of db.prepare("SELECT id, body FROM resource WHERE type = 'Patient'").all() as { id: string; body: string }[]) {
      patients.set(row.id, JSON.parse(row.body) as Patient);
    }
    for (const row of db.prepare("SELECT body FROM resource WHERE type = 'Task'").all() as { body: string }[]) {
      const task = JSON.parse(row.body) as Task;
      upsertItem(db, task, toQueueItem(task, patients.get(task.for?.reference?.replace(/^Patient\//, '') ?? '')));
    }
    db.prepare("INSERT INTO sync_cursor (name, seq) VALUES ('queue_index_version', ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq").run(queueIndexVersion);
  })();
}
