import type { Queryable } from '../db/db';
import { findStaffById } from './staff';

/**
 * Display names of active staff, for the holder shown on a claimed contact. Looked up once a
 * minute per person rather than on every claim; a deactivated account's token dies within its
 * 15 minutes anyway.
 */
export function createStaffNames(db: Queryable, ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { name: string | null; at: number }>();
  return {
    async get(id: string): Promise<string | null> {
      const hit = cache.get(id);
      if (hit && now() - hit.at < ttlMs) return hit.name;
      const record = await findStaffById(db, id);
      const name = record?.active ? record.user.displayName : null;
      cache.set(id, { name, at: now() });
      return name;
    },
  };
}
