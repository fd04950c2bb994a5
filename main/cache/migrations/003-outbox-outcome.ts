import type { Migration } from './migration';

/** What the backend answered when it refused a change, so the user sees both versions. */
export const migration003: Migration = {
  version: 3,
  name: 'outbox outcome',
  up: (db) => {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN http_status INTEGER;
      ALTER TABLE outbox ADD COLUMN server_body TEXT;
      ALTER TABLE resource ADD COLUMN local INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
