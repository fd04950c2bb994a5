import type { WritableDb } from '../cache/db';
import { markUploaded, pendingAccess } from '../cache/access-log';
import type { SignedInClient } from '../backend-client/backend-client';

/** Sends the local access log up in batches; marked only after the backend has recorded them. */
export async function uploadAccessLog(db: WritableDb, client: SignedInClient): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = pendingAccess(db, 100);
    if (batch.length === 0) return sent;
    await client.uploadAccess({ entries: batch });
    if (!db.open) return sent;
    markUploaded(
      db,
      batch.map((e) => e.id),
    );
    sent += batch.length;
  }
}
