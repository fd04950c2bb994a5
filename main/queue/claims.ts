import type { Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { ContractError, type User } from '../../shared/contract';
import { systems } from '../../shared/queue/task-conventions';
import { BackendError, BackendUnreachableError } from '../backend-client/backend-client';
import type { SyncClient } from '../sync/sync-client';
import { queueItem, storeAccepted } from './queue-store';

const me = (user: User) => `Practitioner/${user.id}`;

/**
 * Reads the Task fresh from the backend, changes it, and writes it back conditionally on the
 * version read. A 412 means someone got there first: read again and decide again. Claims never
 * happen offline: a claim nobody else can see is no claim.
 */
async function conditionally(client: SyncClient, db: Database.Database, id: string, change: (task: Task) => Task | 'stop'): Promise<Task> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let task: Task | null;
    try {
      task = (await client.read('Task', id)) as Task | null;
      if (!task) throw new ContractError('not_found', 'This contact no longer exists.');
      const next = change(task);
      if (next === 'stop') {
        storeAccepted(db, task);
        return task;
      }
      const saved = await client.update({ ...next, id }, task.meta?.versionId ?? '0');
      storeAccepted(db, saved);
      return saved;
    } catch (error) {
      if (error instanceof BackendError && error.status === 412) continue;
      if (error instanceof BackendUnreachableError) throw new ContractError('unavailable', 'Claiming needs a connection to the regional service.');
      if (error instanceof BackendError && error.status === 403) throw new ContractError('forbidden', error.message);
      throw error;
    }
  }
  throw new ContractError('conflict', 'The contact kept changing; try again.');
}

const item = (db: Database.Database, id: string) => {
  const found = queueItem(db, id);
  if (!found) throw new ContractError('not_found', 'This contact is not in the local cache.');
  return found;
};

export async function claim(client: SyncClient, db: Database.Database, user: User, id: string) {
  let taken = false;
  await conditionally(client, db, id, (task) => {
    if (task.owner?.reference && task.owner.reference !== me(user)) {
      taken = true;
      return 'stop';
    }
    if (task.owner?.reference === me(user)) return 'stop';
    return { ...task, owner: { reference: me(user), display: user.displayName }, status: 'accepted' };
  });
  return { outcome: taken ? ('taken' as const) : ('claimed' as const), item: item(db, id) };
}

export async function release(client: SyncClient, db: Database.Database, user: User, id: string) {
  await conditionally(client, db, id, (task) => {
    if (!task.owner) return 'stop';
    if (task.owner.reference !== me(user) && !user.roles.includes('team_lead')) throw new ContractError('forbidden', 'Only the holder or a team lead can release this contact.');
    const { owner: _owner, ...rest } = task;
    return { ...rest, status: 'requested' };
  });
  return item(db, id);
}

export async function escalate(client: SyncClient, db: Database.Database, user: User, id: string, note: string) {
  await conditionally(client, db, id, (task) => {
    const { owner: _owner, ...rest } = task;
    return {
      ...rest,
      status: 'requested',
      performerType: [{ coding: [{ system: systems.profession, code: 'doctor' }] }],
      note: [...(task.note ?? []), { authorReference: { reference: me(user), display: user.displayName }, time: new Date().toISOString(), text: note }],
    };
  });
  return item(db, id);
}
