import type { Migration } from './migration';

/**
 * The cached photos' sizes and when each was last viewed, so the photo budget prunes the least
 * recently viewed first without reading the pictures to weigh them. Photos already cached count
 * as viewed when they arrived.
 */
export const migration013: Migration = {
  version: 13,
  name: 'photo cache budget',
  up: (db) => {
    db.exec(`
      CREATE TABLE photo_cache (
        binary_id TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL,
        viewed_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX photo_cache_viewed ON photo_cache (viewed_at);
      INSERT INTO photo_cache (binary_id, bytes, viewed_at)
        SELECT id, length(body), last_updated FROM resource WHERE type = 'Binary';
    `);
  },
};
