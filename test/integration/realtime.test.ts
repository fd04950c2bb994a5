import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { connectRealtime } from '../../main/sync/realtime-client';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { postgresDatabase, serverUrl } from '../support/databases';
import { type BackendProc, startBackend } from '../support/processes';

async function signedIn(backend: BackendProc, username: string) {
  const login = await createBackendClient(backend.url).login({
    username,
    password: 'kaari-demo',
    deviceId: `rt-${username}`,
  });
  return { accessToken: () => login.accessToken, refresh: () => Promise.resolve() };
}

/** Resolves with the first `changed` sequence above `after` that the client hears. */
function listen(backend: BackendProc, tokens: Awaited<ReturnType<typeof signedIn>>) {
  const heard: number[] = [];
  let ready!: () => void;
  const connected = new Promise<void>((r) => (ready = r));
  const client = connectRealtime({
    backendUrl: backend.url,
    tokens,
    onChanged: (seq) => heard.push(seq),
    onConnection: (up) => up && ready(),
  });
  const waitFor = async (predicate: (seqs: number[]) => boolean, timeoutMs = 1000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate(heard)) {
      if (Date.now() > until) throw new Error(`not heard within ${timeoutMs} ms: ${heard.join(',')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { client, connected, heard, waitFor };
}

/** A resident registered with an urgent (P1) contact: every clinician on duty may see that contact. */
const bundle = (family: string) => {
  const patient = `urn:uuid:${randomUUID()}`;
  return {
    resourceType: 'Bundle' as const,
    type: 'transaction' as const,
    entry: [
      {
        fullUrl: patient,
        resource: { resourceType: 'Patient' as const, name: [{ family }] },
        request: { method: 'POST' as const, url: 'Patient' },
      },
      {
        resource: {
          ...newQueueTask({
            kind: 'chat',
            urgency: 'P1',
            patientId: 'x',
            authoredOn: new Date().toISOString(),
            description: 'Kiireellinen',
          }),
          for: { reference: patient },
        },
        request: { method: 'POST' as const, url: 'Task' },
      },
    ],
  };
};

describe('realtime change notices', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  // Tests that start a backend of their own wait for its first seeding (startBackend allows 150 s with both cores busy).
  it('a workstation hears within a second that something it may see changed', async () => {
    const backend = await startBackend();
    stops.push(() => backend.stop());
    const nurse = listen(backend, await signedIn(backend, 'aino'));
    stops.push(async () => nurse.client.stop());
    await nurse.connected;
    const before = Math.max(0, ...nurse.heard);
    await createBackendClient(backend.url)
      .signedIn(await signedIn(backend, 'bjorn'))
      .transaction(bundle('Realtime'), randomUUID());
    await nurse.waitFor((seqs) => seqs.some((s) => s > before));
  }, 180_000);

  // Two replicas only make sense on one shared PostgreSQL server; PGlite is one process's database.
  it.runIf(Boolean(serverUrl))(
    'a change written through one replica reaches a client of another (LISTEN/NOTIFY)',
    async () => {
      const db = await postgresDatabase.create();
      await db.db.close();
      stops.push(db.drop);
      const tokenSecret = randomBytes(32).toString('hex');
      const one = await startBackend({ databaseUrl: db.url, tokenSecret });
      stops.push(() => one.stop());
      const two = await startBackend({ databaseUrl: db.url, tokenSecret });
      stops.push(() => two.stop());

      const onOne = listen(one, await signedIn(two, 'aino'));
      const onTwo = listen(two, await signedIn(one, 'bjorn'));
      stops.push(
        async () => onOne.client.stop(),
        async () => onTwo.client.stop(),
      );
      await Promise.all([onOne.connected, onTwo.connected]);
      const before = Math.max(0, ...onOne.heard, ...onTwo.heard);

      await createBackendClient(one.url)
        .signedIn(await signedIn(one, 'eero'))
        .transaction(bundle('ViaOne'), randomUUID());
      await onTwo.waitFor((seqs) => seqs.some((s) => s > before));
      const afterFirst = Math.max(...onTwo.heard);
      await createBackendClient(two.url)
        .signedIn(await signedIn(two, 'eero'))
        .transaction(bundle('ViaTwo'), randomUUID());
      await onOne.waitFor((seqs) => seqs.some((s) => s > afterFirst));
    },
    90_000,
  );

  it('an administrator is not told about patient data changes', async () => {
    const backend = await startBackend();
    stops.push(() => backend.stop());
    const admin = listen(backend, await signedIn(backend, 'antti'));
    stops.push(async () => admin.client.stop());
    await admin.connected;
    const count = admin.heard.length;
    await createBackendClient(backend.url)
      .signedIn(await signedIn(backend, 'aino'))
      .transaction(bundle('Private'), randomUUID());
    // Then a change the administrator may see (the staff directory): notices come in commit
    // order, so once it is heard, a notice about the resident's data would already have come.
    const admins = createBackendClient(backend.url).signedIn(await signedIn(backend, 'antti'));
    await admins.transaction(
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: { resourceType: 'Practitioner', name: [{ family: 'Directory' }] },
            request: { method: 'POST', url: 'Practitioner' },
          },
        ],
      },
      randomUUID(),
    );
    let directorySeq = 0;
    for (let after = 0, more = true; more;) {
      const page = await admins.changes(after, 1000);
      for (const c of page.changes) if (c.type === 'Practitioner') directorySeq = Math.max(directorySeq, c.seq);
      ({ next: after, more } = page);
    }
    await admin.waitFor((seqs) => seqs.includes(directorySeq), 5000);
    expect(admin.heard.slice(count)).toEqual([directorySeq]);
  }, 180_000);
});
