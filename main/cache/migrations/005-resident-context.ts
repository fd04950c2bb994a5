import type { Migration } from './migration';

/**
 * The resident's context beside an opened contact: resources found by whom they are about
 * (subject, or patient for Consent) through an expression index, not a scan of the cache.
 * And the local access log: every read of a resident's data on this workstation, kept until
 * the backend has it as AuditEvents (reads offline are logged too).
 */
export const migration005: Migration = {
  version: 5,
  name: 'resident context and access log',
  up: (db) => {
    db.exec(`
      CREATE INDEX resource_by_subject ON resource (coalesce(json_extract(body, '$.subject.reference'), json_extract(body, '$.patient.reference')), type);
      CREATE TABLE access_log (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        refs TEXT NOT NULL CHECK (json_valid(refs)),
        uploaded INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX access_log_pending ON access_log (uploaded, at);
    `);
  },
};
