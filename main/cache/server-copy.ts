import type Database from 'better-sqlite3';

/**
 * Writes a copy of what the backend already holds (a pulled page, an answer the backend just
 * stored) without waiting for the disk: after a power cut, WAL recovery rolls back to an earlier
 * commit, and sync pulls the rest again. Anything typed on this workstation stays FULL: the
 * setting is restored before any other code can run on this connection (better-sqlite3 is
 * synchronous), and the next FULL commit makes these frames durable too. Saves one fsync per
 * page of a cold sync and per claim.
 */
export function writeServerCopy<T>(db: Database.Database, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
