import type Database from 'better-sqlite3';
import { markUploaded, pendingAccess } from '../resident/access-log';
import type { SignedInClient } from '../backend-client/backend-client';

/** Sends the local access log up in batches; marked only after the backend has recorded them. */
export async function uploadAccessLog(db: Database.Database, client: SignedInClient): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = pendingAccess(db, 100);
    if (batch.length === 0) return sent;
    await client.uploadAccess({ entries: batch });
    if (!db.open) return sent;
    markUploaded(db, batch.map((e) => e.id));
    sent += batch.length;
  }
}
