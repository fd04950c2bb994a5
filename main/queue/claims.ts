import type { Task } from '@medplum/fhirtypes';
import { ContractError, type User } from '../../shared/contract';
import { systems } from '../../shared/queue/task-conventions';
import { BackendError, BackendUnreachableError } from '../backend-client/backend-client';
import type { SignedInClient } from '../backend-client/backend-client';
import type { WritableDb } from '../cache/db';
import { storeServerCopy } from '../cache/server-copy';
import { queueItem } from './queue-store';

const me = (user: User) => `Practitioner/${user.id}`;

/**
 * Reads the Task fresh from the backend, changes it, and writes it back conditionally on the
 * version read (release, escalate, transfer; claims go through Task/$claim). A 412 means someone
 * got there first: read again and decide again. None of this happens offline: a change of holder
 * nobody else can see is no change.
 */
async function conditionally(
  client: SignedInClient,
  db: WritableDb,
  id: string,
  change: (task: Task) => Task | 'stop',
): Promise<Task> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let task: Task | null;
    try {
      task = (await client.read('Task', id)) as Task | null;
      if (!task) throw new ContractError('not_found', 'This contact no longer exists.');
      const next = change(task);
      if (next === 'stop') {
        storeServerCopy(db, task);
        return task;
      }
      const saved = await client.update({ ...next, id }, task.meta?.versionId ?? '0');
      storeServerCopy(db, saved);
      return saved;
    } catch (error) {
      if (error instanceof BackendError && error.status === 412) continue;
      throw asContractError(error);
    }
  }
  throw new ContractError('conflict', 'The contact kept changing; try again.');
}

function asContractError(error: unknown): unknown {
  if (error instanceof BackendUnreachableError)
    return new ContractError(
      'unavailable',
      'Claiming, releasing and transferring need a connection to the regional service.',
    );
  if (error instanceof BackendError && error.status === 403) return new ContractError('forbidden', error.message);
  if (error instanceof BackendError && error.status === 404)
    return new ContractError('not_found', 'This contact no longer exists.');
  if (error instanceof BackendError && error.status === 409) return new ContractError('conflict', error.message);
  return error;
}

const item = (db: WritableDb, id: string) => {
  const found = queueItem(db, id);
  if (!found) throw new ContractError('not_found', 'This contact is not in the local cache.');
  return found;
};

/** Of simultaneous claims the backend lets exactly one win; the others learn who did. */
export async function claim(client: SignedInClient, db: WritableDb, id: string) {
  try {
    const { outcome, task } = await client.claim(id);
    storeServerCopy(db, task as unknown as Task); // validated against FHIR R4 by the backend on write
    return { outcome, item: item(db, id) };
  } catch (error) {
    throw asContractError(error);
  }
}

export async function release(client: SignedInClient, db: WritableDb, user: User, id: string) {
  await conditionally(client, db, id, (task) => {
    if (!task.owner) return 'stop';
    if (task.owner.reference !== me(user) && !user.roles.includes('team_lead'))
      throw new ContractError('forbidden', 'Only the holder or a team lead can release this contact.');
    const { owner: _owner, ...rest } = task;
    return { ...rest, status: 'requested' };
  });
  return item(db, id);
}

export async function escalate(client: SignedInClient, db: WritableDb, user: User, id: string, note: string) {
  await conditionally(client, db, id, (task) => {
    const { owner: _owner, ...rest } = task;
    return {
      ...rest,
      status: 'requested',
      performerType: [{ coding: [{ system: systems.profession, code: 'doctor' }] }],
      note: [
        ...(task.note ?? []),
        {
          authorReference: { reference: me(user), display: user.displayName },
          time: new Date().toISOString(),
          text: note,
        },
      ],
    };
  });
  return item(db, id);
}

/** Hands the contact to a named colleague, who then holds it; the reason goes in the Task note. */
export async function transfer(
  client: SignedInClient,
  db: WritableDb,
  user: User,
  id: string,
  to: { id: string; name: string },
  note: string,
) {
  if (to.id === user.id) throw new ContractError('invalid_input', 'Choose a colleague other than yourself.');
  await conditionally(client, db, id, (task) => {
    if (task.owner?.reference !== me(user) && !user.roles.includes('team_lead'))
      throw new ContractError('forbidden', 'Only the holder or a team lead can transfer this contact.');
    const notes = note.trim()
      ? [
          {
            authorReference: { reference: me(user), display: user.displayName },
            time: new Date().toISOString(),
            text: note.trim(),
          },
        ]
      : [];
    return {
      ...task,
      owner: { reference: `Practitioner/${to.id}`, display: to.name },
      status: 'accepted',
      note: [...(task.note ?? []), ...notes],
    };
  });
  return item(db, id);
}
