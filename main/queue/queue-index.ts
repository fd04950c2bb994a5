import type { Patient, Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { queueKeys } from '../../shared/queue/queue-item';
import { openStatuses } from '../../shared/queue/task-conventions';
import { invalidateQueueKeys, touchQueueKey } from './queue-order';

/** Bump when queueKeys' derivation changes: caches then rebuild their index once. */
export const queueIndexVersion = 2;

/**
 * Residents already looked up while indexing many Tasks (a whole sync): a county's 100,000
 * contacts belong to a tenth as many residents, and each lookup parses a Patient. Undefined
 * records "not in the cache", so a missing resident is not looked up again either. Any Patient
 * written elsewhere meanwhile (a local edit between two pages) empties every memo.
 */
let patientWrites = 0;

export class PatientMemo {
  private readonly known = new Map<string, Patient | undefined>();
  private seen = patientWrites;

  private fresh(): Map<string, Patient | undefined> {
    if (this.seen !== patientWrites) {
      this.known.clear();
      this.seen = patientWrites;
    }
    return this.known;
  }

  get(db: Database.Database, id: string): Patient | undefined {
    const known = this.fresh();
    if (known.has(id)) return known.get(id);
    const patient = readPatient(db, id);
    known.set(id, patient);
    return patient;
  }

  /** A Patient this memo's own writer just wrote: remembered, and the memo stays valid. */
  wrote(id: string, patient: Patient | undefined): void {
    const known = this.fresh();
    patientWrites += 1;
    this.seen = patientWrites;
    known.set(id, patient);
  }
}

// Prepared once per connection: indexing runs for every Task of a cold sync.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

function readPatient(db: Database.Database, id: string): Patient | undefined {
  const row = stmt(db, "SELECT body FROM resource WHERE type = 'Patient' AND id = ?").get(id) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as Patient) : undefined;
}

const residentOf = (task: Task) => task.for?.reference?.replace(/^Patient\//, '') ?? '';

/** Only open Tasks are queued; a closed one leaves the index. */
function indexTask(db: Database.Database, task: Task & { id: string }, patient: Patient | undefined): void {
  touchQueueKey(db, task.id);
  if (!openStatuses.includes(task.status)) {
    stmt(db, 'DELETE FROM queue_item WHERE task_id = ?').run(task.id);
    return;
  }
  const k = queueKeys(task, patient);
  // Positional parameters: binding a named-parameter object costs more than the insert itself.
  stmt(
    db,
    `INSERT INTO queue_item (urgency_rank, deadline, contact_at, task_id, holder_id, profession, language, theme, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (task_id) DO UPDATE SET urgency_rank = excluded.urgency_rank, deadline = excluded.deadline, contact_at = excluded.contact_at,
       holder_id = excluded.holder_id, profession = excluded.profession, language = excluded.language, theme = excluded.theme, search = excluded.search`,
  ).run(k.rank, k.deadline, k.contactAt, k.id, k.holderId, k.profession, k.language, k.theme, k.search);
}

/** Call inside the transaction that wrote the resource, so cache and index never disagree. */
export function indexResource(db: Database.Database, resource: { resourceType: string; id?: string } | null, type: string, id: string, memo?: PatientMemo): void {
  if (type === 'Task') {
    if (!resource) {
      touchQueueKey(db, id);
      stmt(db, 'DELETE FROM queue_item WHERE task_id = ?').run(id);
      return;
    }
    const task = resource as Task & { id: string };
    indexTask(db, task, memo ? memo.get(db, residentOf(task)) : readPatient(db, residentOf(task)));
  } else if (type === 'Patient') {
    if (memo) memo.wrote(id, (resource as Patient | null) ?? undefined);
    else patientWrites += 1;
    if (!resource) return;
    // A resident's name or language changed (or arrived after their Tasks): refresh their open items.
    const rows = stmt(db, "SELECT body FROM resource INDEXED BY resource_about WHERE about = ? AND type = 'Task'").all(`Patient/${id}`) as { body: string }[];
    for (const row of rows) indexTask(db, JSON.parse(row.body) as Task & { id: string }, resource as Patient);
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
    const memo = new PatientMemo();
    // all(), not iterate(): the loop below writes on the same connection.
    for (const row of db.prepare("SELECT body FROM resource WHERE type = 'Task'").all() as { body: string }[]) {
      const task = JSON.parse(row.body) as Task & { id: string };
      indexTask(db, task, memo.get(db, residentOf(task)));
    }
    db.prepare("INSERT INTO sync_cursor (name, seq) VALUES ('queue_index_version', ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq").run(queueIndexVersion);
  })();
}
