import type { Migration } from './migration';

/**
 * The queue, precomputed: one row per Task with its sort keys and routing fields, so the first
 * screen of a 100,000-item queue is one indexed read instead of parsing every Task.
 * Filled by main/queue/queue-index.ts (rebuilt when its derivation version changes).
 */
export const migration004: Migration = {
  version: 4,
  name: 'queue index',
  up: (db) => {
    db.exec(`
      CREATE TABLE queue_item (
        task_id TEXT PRIMARY KEY,
        open INTEGER NOT NULL,
        urgency_rank INTEGER NOT NULL,
        deadline TEXT NOT NULL,
        contact_at TEXT NOT NULL,
        resident_id TEXT NOT NULL,
        profession TEXT NOT NULL,
        language TEXT NOT NULL,
        theme TEXT NOT NULL,
        holder_id TEXT,
        search TEXT NOT NULL,
        item TEXT NOT NULL CHECK (json_valid(item))
      ) WITHOUT ROWID;
      -- Covering: main/queue/queue-order.ts reads every open row's keys in this order at start.
      CREATE INDEX queue_order ON queue_item (open, urgency_rank, deadline, contact_at, task_id, holder_id, profession, language, theme, search);
      CREATE INDEX queue_by_resident ON queue_item (resident_id, contact_at);
    `);
  },
};
