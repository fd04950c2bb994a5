import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';
import { atomically } from './transaction';

/**
 * The workstation's own access log. Reads from the local cache never reach the backend, so
 * they are logged here in the same SQLite file (surviving a crash and days offline) and
 * uploaded by sync, where the backend records them as AuditEvents of the signed-in user.
 */
export function logAccess(db: WritableDb, action: string, references: readonly string[], now = new Date()): void {
  prepared(db, 'INSERT INTO access_log (id, at, action, refs) VALUES (?, ?, ?, ?)').run(
    randomUUID(),
    now.toISOString(),
    action,
    JSON.stringify(references.slice(0, 200)),
  );
}

export interface AccessEntry {
  id: string;
  at: string;
  action: string;
  references: string[];
}

export function pendingAccess(db: ReadableDb, limit = 100): AccessEntry[] {
  const rows = prepared(db, 'SELECT id, at, action, refs FROM access_log WHERE uploaded = 0 ORDER BY at LIMIT ?').all(
    limit,
  ) as { id: string; at: string; action: string; refs: string }[];
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, references: JSON.parse(r.refs) as string[] }));
}

export function markUploaded(db: WritableDb, ids: readonly string[]): void {
  const mark = prepared(db, 'UPDATE access_log SET uploaded = 1 WHERE id = ?');
  atomically(db, () => {
    for (const id of ids) mark.run(id);
  });
}
