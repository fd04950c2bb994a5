import type { Resource } from '@medplum/fhirtypes';
import { ResidentSnapshot } from '../../shared/protocol/sync';
import type { JsonCalls } from '../backend-client/backend-client';
import type { WritableDb } from '../cache/db';
import { heldResidents, markHeld } from '../cache/resident-scope';
import { writeResources } from '../cache/resources';

/** Everything current about one resident that she may see, into the cache as copies of the backend's. */
export async function fetchResident(db: WritableDb, client: JsonCalls, patientId: string): Promise<number> {
  const snapshot = await client.json(`/sync/residents/${encodeURIComponent(patientId)}`, ResidentSnapshot);
  writeResources(
    db,
    'server',
    snapshot.changes.map((c) => ({
      resource: c.resource as unknown as Resource & { id: string },
      versionId: c.versionId,
      lastUpdated: c.lastUpdated,
      seq: c.seq,
      type: c.type,
      id: c.id,
    })),
  );
  return snapshot.changes.length;
}

/**
 * After taking a contact: her data at once, held as a relationship. A failure here is left to the
 * next sync's reconcile, which fetches whom the backend says she now cares for.
 */
export async function takeIntoCare(db: WritableDb, client: JsonCalls, patientId: string): Promise<void> {
  if (!patientId || heldResidents(db).has(patientId)) return;
  try {
    await fetchResident(db, client, patientId);
    markHeld(db, patientId, 'relationship');
  } catch {
    // Offline or refused: the sync engine reconciles later.
  }
}
