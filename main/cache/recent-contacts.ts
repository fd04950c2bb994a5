import type { Task } from '@medplum/fhirtypes';
import type { ReadableDb } from './db';
import { prepared } from './prepared';

/** A contact this professional held or documented, as the cache has it now. */
export interface RecentContactRow {
  task: Task;
  /** When she last touched it: the Task's last change or her latest draft of it (ISO). */
  at: string;
  /** When her latest record of it was signed (ISO), null when none is signed. */
  signedAt: string | null;
}

// The draft table lives in her own cache file: every draft in it is hers.
const recentSql = `SELECT r.body AS body, d.signed_at AS signed_at, MAX(r.last_updated, COALESCE(d.at, '')) AS at
  FROM resource r
  LEFT JOIN (SELECT task_id, MAX(updated_at) AS at, MAX(signed_at) AS signed_at FROM draft GROUP BY task_id) d ON d.task_id = r.id
  WHERE r.type = 'Task' AND (json_extract(r.body, '$.owner.reference') = ? OR d.task_id IS NOT NULL)
    AND MAX(r.last_updated, COALESCE(d.at, '')) >= ?
  ORDER BY at DESC, r.id
  LIMIT ?`;

/** Contacts, open and closed, she held or documented since `sinceIso`, newest first. */
export function recentContacts(db: ReadableDb, me: string, sinceIso: string, limit: number): RecentContactRow[] {
  const rows = prepared(db, recentSql).all(`Practitioner/${me}`, sinceIso, limit) as {
    body: string;
    signed_at: string | null;
    at: string;
  }[];
  return rows.map((r) => ({ task: JSON.parse(r.body) as Task, at: r.at, signedAt: r.signed_at }));
}
