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
 * committed page. `consentChanged` collects the residents whose consent decision came in.
 */
export async function pullChanges(
  db: WritableDb,
  client: SignedInClient,
  onProgress: (p: PullProgress) => void = () => undefined,
  pageSize = 1000,
  consentChanged?: Set<string>,
): Promise<number> {
  let cursor = readCursor(db);
  let received = 0;
  for (;;) {
    const page = await client.changes(cursor, pageSize);
    applyServerPage(db, page.changes, page.next);
    // What the backend shares of a resident follows her consent: such residents are fetched anew (main/sync/scope.ts).
    for (const c of page.changes) {
      const patient =
        c.type === 'Consent'
          ? (c.resource as { patient?: { reference?: string } } | null)?.patient?.reference
          : undefined;
      if (patient?.startsWith('Patient/')) consentChanged?.add(patient.slice('Patient/'.length));
    }
    cursor = page.next;
    received += page.changes.length;
    onProgress({ cursor, latest: page.latest, received });
    if (!page.more) return received;
  }
}
