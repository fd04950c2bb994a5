import { createBackendClient } from '../../main/backend-client/backend-client';
import { randomUUID } from 'node:crypto';
import type { Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { claim, escalate, release, transfer } from '../../main/queue/claims';
import { colleagues } from '../../main/staff/directory';
import { queryQueue } from '../../main/queue/queue-store';
import { pullChanges } from '../../main/sync/pull';
import { type BackendProc, startBackend } from '../support/processes';
import { contactsArrive, signedInWorkstation } from '../support/workstation';

describe('claiming queue items against the backend', () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(() => backend.stop());

  const nurse = (username: string) => signedInWorkstation(backend.url, username);

  async function newContact() {
    const id = randomUUID();
    await contactsArrive(backend.url, [
      {
        ...newQueueTask({
          kind: 'self-assessment',
          urgency: 'P4',
          patientId: 'resident-00001',
          authoredOn: new Date().toISOString(),
          description: 'Oirearvio',
        }),
        id,
      },
    ]);
    return id;
  }

  it('two nurses claim at once; exactly one wins and the other is told who', async () => {
    const [aino, bjorn] = await Promise.all([nurse('aino'), nurse('bjorn')]);
    const id = await newContact();
    await Promise.all([pullChanges(aino.db, aino.client), pullChanges(bjorn.db, bjorn.client)]);
    const [a, b] = await Promise.all([claim(aino.client, aino.db, id), claim(bjorn.client, bjorn.db, id)]);
    expect([a.outcome, b.outcome].sort()).toEqual(['claimed', 'taken']);
    const winner = a.outcome === 'claimed' ? 'Aino Virtanen' : 'Björn Lindqvist';
    expect(a.item.holder?.name).toBe(winner);
    expect(b.item.holder?.name).toBe(winner);
  });

  it('many simultaneous claims on many items: one winner per item', async () => {
    const nurses = await Promise.all(['aino', 'bjorn', 'leena'].map(nurse));
    const ids = await Promise.all(Array.from({ length: 5 }, () => newContact()));
    await Promise.all(nurses.map((n) => pullChanges(n.db, n.client)));
    const results = await Promise.all(
      ids.flatMap((id) => nurses.map((n) => claim(n.client, n.db, id).then((r) => ({ id, ...r })))),
    );
    for (const id of ids) expect(results.filter((r) => r.id === id && r.outcome === 'claimed')).toHaveLength(1);
  }, 60_000);

  it('release puts it back in the queue; only the holder may release', async () => {
    const [aino, bjorn] = await Promise.all([nurse('aino'), nurse('bjorn')]);
    const id = await newContact();
    await pullChanges(aino.db, aino.client);
    await claim(aino.client, aino.db, id);
    await pullChanges(bjorn.db, bjorn.client);
    await expect(release(bjorn.client, bjorn.db, bjorn.user, id)).rejects.toMatchObject({ code: 'forbidden' });
    const released = await release(aino.client, aino.db, aino.user, id);
    expect(released.holder).toBeNull();
    expect(released.status).toBe('requested');
    await pullChanges(bjorn.db, bjorn.client);
    expect(
      queryQueue(bjorn.db, { viewer: null, text: '', offset: 0, limit: 500 }).items.find((i) => i.id === id)?.holder,
    ).toBeNull();
  });

  it("escalating hands the contact to the doctors with the nurse's note", async () => {
    const aino = await nurse('aino');
    const id = await newContact();
    await pullChanges(aino.db, aino.client);
    await claim(aino.client, aino.db, id);
    const item = await escalate(aino.client, aino.db, aino.user, id, 'Tarvitsee lääkärin arvion');
    expect(item).toMatchObject({ profession: 'doctor', holder: null });
  });

  it('claims are refused offline with a reason', async () => {
    const aino = await nurse('aino');
    const id = await newContact();
    await pullChanges(aino.db, aino.client);
    const offline = createBackendClient('http://127.0.0.1:9').signedIn({
      accessToken: () => 'x',
      refresh: () => Promise.resolve(),
    });
    await expect(claim(offline, aino.db, id)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('the holder transfers a contact to a named colleague, who then holds it; others may not', async () => {
    const [aino, bjorn] = await Promise.all([nurse('aino'), nurse('bjorn')]);
    const id = await newContact();
    await Promise.all([pullChanges(aino.db, aino.client), pullChanges(bjorn.db, bjorn.client)]);
    const team = colleagues(aino.db);
    expect(team.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Björn Lindqvist', 'Eero Mäkinen', 'Saara Heikkinen']),
    );
    expect(team.some((c) => c.name === 'Antti Nieminen')).toBe(false); // IT administrator holds no contacts
    const toBjorn = team.find((c) => c.name === 'Björn Lindqvist')!;
    await expect(transfer(aino.client, aino.db, aino.user, id, toBjorn, '')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await claim(aino.client, aino.db, id);
    const moved = await transfer(aino.client, aino.db, aino.user, id, toBjorn, 'Ruotsinkielinen asiakas');
    expect(moved.holder).toEqual({ id: toBjorn.id, name: 'Björn Lindqvist' });
    await pullChanges(bjorn.db, bjorn.client);
    expect(
      queryQueue(bjorn.db, { viewer: bjorn.user, text: '', offset: 0, limit: 500 }).items.find((i) => i.id === id)
        ?.holder?.name,
    ).toBe('Björn Lindqvist');
    const task = (await aino.client.read('Task', id)) as Task;
    expect(task.note?.at(-1)).toMatchObject({
      text: 'Ruotsinkielinen asiakas',
      authorReference: { display: 'Aino Virtanen' },
    });
  });
});
