import type { SignedInClient } from '../backend-client/backend-client';
import type { WritableDb } from '../cache/db';
import { applyServerPage, readCursor } from '../cache/server-copy';

export interface PullProgress {
  cursor: number;
  latest: number;
  received: number;
}

/**
 * Pulls every change after the stored cursor, one SQLite transaction per page (resources,
 * whatever listens to cache writes, and the cursor together), so a crash resumes at the last
 * committed page.
 */
export async function pullChanges(db: WritableDb, client: SignedInClient, onProgress: (p: PullProgress) => void = () => undefined, pageSize = 1000): Promise<number> {
  let cursor = readCursor(db);
  let received = 0;
  for (;;) {
    const page = await client.changes(cursor, pageSize);
    applyServerPage(db, page.changes, page.next);
    cursor = page.next;
    received += page.changes.length;
    onProgress({ cursor, latest: page.latest, received });
    if (!page.more) return received;
  }
}
