import type { Migration } from './migration';

/**
 * Documentation drafts: the XState snapshot of each flow, written on every step in the same
 * file as everything else, so a crash or a week offline reopens the draft where it stood.
 */
export const migration006: Migration = {
  version: 6,
  name: 'documentation drafts',
  up: (db) => {
    db.exec(`
      CREATE TABLE draft (
        id TEXT PRIMARY KEY,
        task_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
        updated_at TEXT NOT NULL,
        signed_at TEXT
      ) WITHOUT ROWID;
      CREATE INDEX draft_by_task ON draft (task_id, signed_at);
    `);
  },
};
