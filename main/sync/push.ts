import type { Bundle } from '@medplum/fhirtypes';
import { BackendError, type SignedInClient } from '../backend-client/backend-client';
import type { WritableDb } from '../cache/db';
import { acceptPushed, acceptPushedBundle, nextPending, parkConflict, recordAttempt } from '../cache/outbox';

export interface PushResult {
  pushed: number;
  conflicts: number;
}

/**
 * Drains the outbox in order, one change per request with its own idempotency key. A network
 * failure stops the drain (the row stays, the retry carries the same key). A refusal (412
 * conflict, 400/403) parks the row with the server's version for the user; it is never overwritten.
 */
export async function drainOutbox(
  db: WritableDb,
  client: SignedInClient,
  limit = Number.POSITIVE_INFINITY,
): Promise<PushResult> {
  const result: PushResult = { pushed: 0, conflicts: 0 };
  while (result.pushed + result.conflicts < limit) {
    const row = nextPending(db);
    if (!row) break;
    // A Bundle row is a whole transaction written together (a signed record): sent as it is.
    const whole = row.resource_type === 'Bundle';
    const bundle: Bundle = whole
      ? (JSON.parse(row.body) as Bundle)
      : {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              resource: JSON.parse(row.body) as never,
              request: {
                method: 'PUT',
                url: `${row.resource_type}/${row.resource_id}`,
                ...(row.if_match ? { ifMatch: `W/"${row.if_match}"` } : {}),
              },
            },
          ],
        };
    try {
      const response = await client.transaction(bundle, row.idempotency_key);
      if (whole) acceptPushedBundle(db, row, response);
      else acceptPushed(db, row, response.entry?.[0]?.resource);
      result.pushed += 1;
    } catch (error) {
      if (
        error instanceof BackendError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 401 &&
        error.status !== 429
      ) {
        const server =
          !whole && error.status === 412
            ? await client.read(row.resource_type, row.resource_id).catch(() => null)
            : null;
        parkConflict(db, row.seq, error.status, error.message, server);
        result.conflicts += 1;
        continue;
      }
      recordAttempt(db, row.seq, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
  return result;
}
