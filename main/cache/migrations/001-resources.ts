import type { Migration } from './migration';

/** The resources a user opened or synced, as the backend last sent them, and where sync stands. */
export const migration001: Migration = {
  version: 1,
  name: 'resources and sync cursor',
  up: (db) => {
    db.exec(`
      CREATE TABLE resource (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        last_updated TEXT NOT NULL,
        seq INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        PRIMARY KEY (type, id)
      ) WITHOUT ROWID;
      CREATE INDEX resource_by_seq ON resource (seq);
      CREATE TABLE sync_cursor (
        name TEXT PRIMARY KEY,
        seq INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
