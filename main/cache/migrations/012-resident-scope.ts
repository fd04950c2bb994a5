import type { Migration } from './migration';

/**
 * The residents whose data this laptop holds whole, as the backend's care-relationship rule last
 * said (docs/SECURITY.md), and how each came in: a relationship, or a stated reason that must not
 * outlive the session. A cache written before the rule existed held the whole county: its copies
 * of the backend's data are dropped and pulled again under the rule; nothing typed here is touched.
 */
export const migration012: Migration = {
  version: 12,
  name: 'resident scope',
  up: (db) => {
    db.exec(`
      CREATE TABLE resident_scope (
        patient_id TEXT PRIMARY KEY,
        reason TEXT NOT NULL CHECK (reason IN ('relationship', 'stated-reason')),
        since TEXT NOT NULL
      ) WITHOUT ROWID;
      DELETE FROM resource WHERE local = 0;
      DELETE FROM queue_item WHERE task_id NOT IN (SELECT id FROM resource WHERE type = 'Task');
      DELETE FROM sync_cursor;
    `);
  },
};
