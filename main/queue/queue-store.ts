import type { Patient, Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { type QueueItem, compareQueueItems, toQueueItem } from '../../shared/queue/queue-item';
import { openStatuses } from '../../shared/queue/task-conventions';

interface Row {
  task: string;
  patient: string | null;
}

const joinPatient = `SELECT t.body AS task, p.body AS patient FROM resource t
  LEFT JOIN resource p ON p.type = 'Patient' AND p.id = substr(json_extract(t.body, '$.for.reference'), 9)
  WHERE t.type = 'Task'`;

const toItems = (rows: Row[]): QueueItem[] =>
  rows.map((r) => toQueueItem(JSON.parse(r.task) as Task, r.patient ? (JSON.parse(r.patient) as Patient) : undefined));

/** Open contacts in the cache, in queue order. */
export function openQueueItems(db: Database.Database): QueueItem[] {
  const placeholders = openStatuses.map(() => '?').join(', ');
  const rows = db.prepare(`${joinPatient} AND json_extract(t.body, '$.status') IN (${placeholders})`).all(...openStatuses) as Row[];
  return toItems(rows).sort(compareQueueItems);
}

export function queueItem(db: Database.Database, taskId: string): QueueItem | null {
  const rows = db.prepare(`${joinPatient} AND t.id = ?`).all(taskId) as Row[];
  return toItems(rows)[0] ?? null;
}

/** The resident's contacts in the cache, newest first. */
export function residentContacts(db: Database.Database, residentId: string, limit = 20): QueueItem[] {
  const rows = db.prepare(`${joinPatient} AND json_extract(t.body, '$.for.reference') = ? ORDER BY json_extract(t.body, '$.authoredOn') DESC LIMIT ?`).all(`Patient/${residentId}`, limit) as Row[];
  return toItems(rows);
}

/** A resource the backend just accepted, written to the cache so the UI shows it at once. */
export function storeAccepted(db: Database.Database, resource: Task): void {
  db.prepare(
    `INSERT INTO resource (type, id, version_id, last_updated, seq, body) VALUES (?, ?, ?, ?, 0, ?)
     ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated, body = excluded.body
     WHERE resource.local = 0`,
  ).run(resource.resourceType, resource.id, resource.meta?.versionId ?? '0', resource.meta?.lastUpdated ?? new Date().toISOString(), JSON.stringify(resource));
}
