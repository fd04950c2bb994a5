import type { Migration } from './migration';

/**
 * Local changes waiting for the backend. Written in the same transaction as the local change, so
 * nothing typed is lost; the idempotency key makes a retried push apply once.
 */
export const migration002: Migration = {
  version: 2,
  name: 'outbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        resource_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        if_match TEXT,
        body TEXT NOT NULL CHECK (json_valid(body)),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'conflict'))
      );
      CREATE INDEX outbox_pending ON outbox (state, seq);
    `);
  },
};
