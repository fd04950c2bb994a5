import type Database from 'better-sqlite3';

/**
 * A resident's resources of one type in the cache (by subject, or patient for Consent), through
 * the expression index of migration 005: the expression here must stay identical to it. Named
 * with INDEXED BY because without statistics SQLite prefers the primary key's `type` prefix,
 * which reads every Observation in the cache to find one resident's.
 */
export const resourcesAboutSql = `SELECT body FROM resource INDEXED BY resource_by_subject WHERE coalesce(json_extract(body, '$.subject.reference'), json_extract(body, '$.patient.reference')) = ? AND type = ?`;

export function resourcesAbout<T>(db: Database.Database, residentId: string, type: string): (T & { id?: string })[] {
  const rows = db.prepare(resourcesAboutSql).all(`Patient/${residentId}`, type) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as T & { id?: string });
}
