import type Database from 'better-sqlite3';
import { resourcesAboutSql } from '../cache/about';

/** A resident's resources of one type in the cache, through the subject index (not a scan). */
export function resourcesAbout<T>(db: Database.Database, residentId: string, type: string): (T & { id?: string })[] {
  const rows = db.prepare(resourcesAboutSql).all(`Patient/${residentId}`, type) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as T & { id?: string });
}
