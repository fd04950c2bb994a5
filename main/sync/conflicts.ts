import type { Resource } from '@medplum/fhirtypes';
import { ContractError, type SyncConflict } from '../../shared/contract';
import type { ReadableDb, WritableDb } from '../cache/db';
import { conflictRow, conflictRows, dropChange, requeue } from '../cache/outbox';

export { conflictCount } from '../cache/outbox';

export function listConflicts(db: ReadableDb): SyncConflict[] {
  return conflictRows(db).map((r) => ({
    id: r.seq,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    createdAt: r.created_at,
    httpStatus: r.http_status,
    reason: r.last_error,
    mine: JSON.parse(r.body) as Record<string, unknown>,
    theirs: r.server_body ? (JSON.parse(r.server_body) as Record<string, unknown>) : null,
  }));
}

/**
 * The user's decision on a refused change. "mine" re-queues it on top of the server's current
 * version (an explicit overwrite, never a silent one); "theirs" drops it and shows the server's.
 */
export function resolveConflict(db: WritableDb, id: number, keep: 'mine' | 'theirs'): void {
  const row = conflictRow(db, id);
  if (!row) throw new ContractError('not_found', 'This conflict was already resolved.');
  const theirs = row.server_body ? (JSON.parse(row.server_body) as Resource) : null;
  if (keep === 'theirs') return dropChange(db, row, theirs);
  if (!theirs)
    throw new ContractError('conflict', 'The backend refused this change itself; it cannot be sent again as it is.');
  requeue(db, id, theirs.meta?.versionId ?? null);
}
