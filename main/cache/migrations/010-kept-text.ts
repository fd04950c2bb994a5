import type { Migration } from './migration';

/**
 * Text typed into the smaller forms that are not a record yet (a co-sign request's note, a
 * return reason, a correction reason, a template being edited), saved as it is typed under a
 * key naming the form and what it is about, so a crash or a restart never throws it away.
 */
export const migration010: Migration = {
  version: 10,
  name: 'kept text',
  up: (db) => {
    db.exec(`
      CREATE TABLE kept_text (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
