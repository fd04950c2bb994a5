import type { Migration } from './migration';

/**
 * Fewer writes per synced resource; a cold sync of 100,000 Tasks spent more time on these than
 * on the resources themselves (docs/BENCHMARKS.md):
 * - `resource` without the json_valid CHECK (every body is JSON.stringify's output, and the
 *   check parsed each one again) and without the unused index by seq;
 * - whom a resource is about (subject, patient, or a Task's `for`) is a column written with the
 *   row (main/cache/about.ts), not an index expression parsing every body again; a resident's
 *   contacts are found through it, so the queue needs no index of its own by resident;
 * - `queue_item` holds open Tasks only, stored in queue order (the primary key) with just the
 *   sort, routing and search keys; the item shown is derived from the cache when it is read.
 * The queue index is rebuilt on the next sign-in (its version marker is cleared).
 */
export const migration009: Migration = {
  version: 9,
  name: 'lean cache writes',
  up: (db) => {
    db.exec(`
      CREATE TABLE resource_new (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        last_updated TEXT NOT NULL,
        seq INTEGER NOT NULL,
        body TEXT NOT NULL,
        local INTEGER NOT NULL DEFAULT 0,
        about TEXT,
        PRIMARY KEY (type, id)
      ) WITHOUT ROWID;
      INSERT INTO resource_new (type, id, version_id, last_updated, seq, body, local, about)
        SELECT type, id, version_id, last_updated, seq, body, local,
          coalesce(json_extract(body, '$.subject.reference'), json_extract(body, '$.patient.reference'), json_extract(body, '$.for.reference'))
        FROM resource;
      DROP TABLE resource;
      ALTER TABLE resource_new RENAME TO resource;
      CREATE INDEX resource_about ON resource (about, type) WHERE about IS NOT NULL;

      DROP TABLE queue_item;
      CREATE TABLE queue_item (
        urgency_rank INTEGER NOT NULL,
        deadline TEXT NOT NULL,
        contact_at TEXT NOT NULL,
        task_id TEXT NOT NULL,
        holder_id TEXT,
        profession TEXT NOT NULL,
        language TEXT NOT NULL,
        theme TEXT NOT NULL,
        search TEXT NOT NULL,
        PRIMARY KEY (urgency_rank, deadline, contact_at, task_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX queue_item_by_task ON queue_item (task_id);
      DELETE FROM sync_cursor WHERE name = 'queue_index_version';
    `);
  },
};
