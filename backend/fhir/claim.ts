import type { Task } from '@medplum/fhirtypes';
import type { Queryable } from '../db/db';
import { FhirError } from './fhir-error';
import type { ResourceStore, Stored, Writer } from './store';

export type ClaimOutcome = 'claimed' | 'taken';

const openForClaim = new Set<Task['status']>(['requested', 'received', 'accepted', 'in-progress']);

/**
 * Task/$claim: the caller becomes the Task's owner unless someone else already is. The backend
 * decides, so of any number of simultaneous claims exactly one wins, whatever the clients do.
 * Answers in one round trip with the Task as it now stands, so the loser can show the holder.
 */
export async function claimTask(
  store: ResourceStore,
  id: string,
  who: { id: string; displayName: string },
  writer?: Writer,
): Promise<{ outcome: ClaimOutcome; stored: Stored }> {
  const me = `Practitioner/${who.id}`;
  const decide = (stored: Stored): 'taken' | 'mine' | 'free' => {
    const task = stored.resource as Task;
    if (!openForClaim.has(task.status))
      throw new FhirError(409, 'business-rule', `Task/${id} is ${task.status} and cannot be claimed`);
    const owner = task.owner?.reference;
    return owner === me ? 'mine' : owner ? 'taken' : 'free';
  };
  // Losers, the common case under contention, are answered without queueing for the write lock.
  const seen = await store.read(store.db, 'Task', id);
  const first = decide(seen);
  if (first !== 'free') return { outcome: first === 'mine' ? 'claimed' : 'taken', stored: seen };
  return store.write(async (tx: Queryable) => {
    const now = await store.read(tx, 'Task', id);
    const state = decide(now);
    if (state !== 'free') return { outcome: state === 'mine' ? ('claimed' as const) : ('taken' as const), stored: now };
    const task = now.resource as Task;
    const claimed: Task = { ...task, owner: { reference: me, display: who.displayName }, status: 'accepted' };
    return {
      outcome: 'claimed' as const,
      stored: await store.update(tx, 'Task', id, claimed, { ifMatch: now.versionId }),
    };
  }, writer);
}
