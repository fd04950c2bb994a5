import type { Migration } from './migration';

/**
 * What the professional has typed in a chat but not yet sent, saved as they type, so a crash
 * or a restart never throws their words away.
 */
export const migration007: Migration = {
  version: 7,
  name: 'unsent chat text',
  up: (db) => {
    db.exec(`
      CREATE TABLE unsent_message (
        task_id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        template_id TEXT,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
