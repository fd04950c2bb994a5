import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The workstation's own access log. Reads from the local cache never reach the backend, so
 * they are logged here in the same SQLite file (surviving a crash and days offline) and
 * uploaded by sync, where the backend records them as AuditEvents of the signed-in user.
 */
export function logAccess(db: Database.Database, action: string, references: readonly string[], now = new Date()): void {
  db.prepare('INSERT INTO access_log (id, at, action, refs) VALUES (?, ?, ?, ?)').run(randomUUID(), now.toISOString(), action, JSON.stringify(references.slice(0, 200)));
}

export interface AccessEntry {
  id: string;
  at: string;
  action: string;
  references: string[];
}

export function pendingAccess(db: Database.Database, limit = 100): AccessEntry[] {
  const rows = db.prepare('SELECT id, at, action, refs FROM access_log WHERE uploaded = 0 ORDER BY at LIMIT ?').all(limit) as { id: string; at: string; action: string; refs: string }[];
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, references: JSON.parse(r.refs) as string[] }));
}

export function markUploaded(db: Database.Database, ids: readonly string[]): void {
  const mark = db.prepare('UPDATE access_log SET uploaded = 1 WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) mark.run(id);
  })();
}
