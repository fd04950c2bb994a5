import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendUnreachableError, createBackendClient } from '../../main/backend-client/backend-client';
import { openCache } from '../../main/cache/open-cache';
import { listConflicts, resolveConflict } from '../../main/sync/conflicts';
import { pendingCount, writeLocal } from '../../main/cache/outbox';
import { readResource } from '../../main/cache/resources';
import { pullChanges } from '../../main/sync/pull';
import { drainOutbox } from '../../main/sync/push';
import { postgresDatabase, serverUrl } from '../support/databases';
import { type BackendProc, startBackend, tempDir } from '../support/processes';
import { testCacheKey } from '../support/cache-key';

// Two workstations (main's sync code in plain Node, each with its own SQLite cache) and one
// backend process, on PostgreSQL when the run has one, else on the embedded database.
describe(`sync between two workstations through a backend on ${serverUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  let backend: BackendProc;
  let databaseUrl: string | undefined;
  let drop = async () => undefined as void;

  beforeAll(async () => {
    if (serverUrl) {
      const created = await postgresDatabase.create();
      databaseUrl = created.url;
      await created.db.close();
      drop = async () => undefined;
    }
    backend = await startBackend(databaseUrl ? { databaseUrl } : {});
  }, 90_000);
  afterAll(async () => {
    await backend.stop();
    await drop();
  });

  const restartBackend = async () => {
    backend = await startBackend({
      port: backend.port,
      dataDir: backend.dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
    });
  };

  async function workstation(username: string, fetchFn: typeof fetch = fetch) {
    const login = await createBackendClient(backend.url).login({
      username,
      password: 'kaari-demo',
      deviceId: `test-${username}`,
    });
    const tokens = { access: login.accessToken, refresh: login.refreshToken };
    const { db } = openCache(join(tempDir('sync'), 'cache.sqlite'), { key: testCacheKey() });
    const client = createBackendClient(`http://127.0.0.1:${backend.port}`, { fetch: fetchFn }).signedIn({
      accessToken: () => tokens.access,
      refresh: async () => {
        const next = await createBackendClient(backend.url).refresh({
          refreshToken: tokens.refresh,
          deviceId: `test-${username}`,
        });
        tokens.access = next.accessToken;
        tokens.refresh = next.refreshToken;
      },
    });
    return { db, client };
  }

  // The second workstation is the team lead's: she supervises every resident, so what a nurse
  // registers reaches her (a colleague without a care relationship would not get it at all).
  const newPatient = (family: string): Patient & { id: string } => ({
    resourceType: 'Patient',
    id: randomUUID(),
    name: [{ family, given: ['Synteettinen'] }],
  });

  it('a change made on one workstation appears on the other', async () => {
    const a = await workstation('aino');
    const b = await workstation('leena');
    const p = newPatient('Virta');
    writeLocal(a.db, { resource: p });
    expect(pendingCount(a.db)).toBe(1);
    expect(await drainOutbox(a.db, a.client)).toEqual({ pushed: 1, conflicts: 0 });
    expect(pendingCount(a.db)).toBe(0);
    await pullChanges(b.db, b.client);
    expect(readResource(b.db, 'Patient', p.id)).toMatchObject({
      name: [{ family: 'Virta' }],
      meta: { versionId: '1' },
    });
  });

  it('with the backend SIGKILLed in the middle of a push and restarted, every change arrives exactly once', async () => {
    const a = await workstation('aino');
    const patients = Array.from({ length: 100 }, (_, i) => newPatient(`Kill${i}`));
    for (const p of patients) writeLocal(a.db, { resource: p });
    const draining = drainOutbox(a.db, a.client).catch((e: unknown) => e);
    while (pendingCount(a.db) > 70) await new Promise((r) => setTimeout(r, 5));
    await backend.stop(true);
    expect(await draining).toBeInstanceOf(BackendUnreachableError);
    const left = pendingCount(a.db);
    expect(left).toBeGreaterThan(0);
    await restartBackend();
    await drainOutbox(a.db, a.client);
    expect(pendingCount(a.db)).toBe(0);

    const b = await workstation('leena');
    await pullChanges(b.db, b.client);
    for (const p of patients) {
      // Version 1 everywhere: no change was applied twice, none was lost.
      expect(readResource(b.db, 'Patient', p.id), p.name?.[0]?.family).toMatchObject({ meta: { versionId: '1' } });
    }
  }, 120_000);

  it('a push whose response is lost is retried with the same key and applied once', async () => {
    let calls = 0;
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/fhir') && ++calls === 2)
        throw new TypeError('connection reset after the server committed');
      return response;
    };
    const a = await workstation('aino', losing);
    const patients = [newPatient('Lost0'), newPatient('Lost1'), newPatient('Lost2')];
    for (const p of patients) writeLocal(a.db, { resource: p });
    await expect(drainOutbox(a.db, a.client)).rejects.toBeInstanceOf(BackendUnreachableError);
    expect(pendingCount(a.db)).toBe(2);
    await drainOutbox(a.db, a.client);
    const b = await workstation('leena');
    await pullChanges(b.db, b.client);
    expect(readResource(b.db, 'Patient', patients[1]?.id ?? '')).toMatchObject({ meta: { versionId: '1' } });
  });

  it('with the backend unreachable, local work continues and drains afterwards', async () => {
    const a = await workstation('aino');
    await backend.stop();
    const patients = Array.from({ length: 20 }, (_, i) => newPatient(`Offline${i}`));
    for (const p of patients) writeLocal(a.db, { resource: p });
    // Edits of the same resource while offline are pushed in order, each on top of the last.
    writeLocal(a.db, { resource: { ...patients[0]!, name: [{ family: 'Offline0-edited' }] } });
    expect(readResource(a.db, 'Patient', patients[0]!.id)).toMatchObject({ name: [{ family: 'Offline0-edited' }] });
    await expect(drainOutbox(a.db, a.client)).rejects.toBeInstanceOf(BackendUnreachableError);
    expect(pendingCount(a.db)).toBe(21);
    await restartBackend();
    expect(await drainOutbox(a.db, a.client)).toEqual({ pushed: 21, conflicts: 0 });
    const b = await workstation('leena');
    await pullChanges(b.db, b.client);
    expect(readResource(b.db, 'Patient', patients[0]!.id)).toMatchObject({
      name: [{ family: 'Offline0-edited' }],
      meta: { versionId: '2' },
    });
    expect(readResource(b.db, 'Patient', patients[19]!.id)).toMatchObject({ meta: { versionId: '1' } });
  }, 60_000);

  it('a conflicting edit is kept with both versions and never overwrites the other', async () => {
    const a = await workstation('aino');
    const b = await workstation('leena');
    const p = newPatient('Shared');
    writeLocal(a.db, { resource: p });
    await drainOutbox(a.db, a.client);
    await pullChanges(b.db, b.client);
    writeLocal(a.db, { resource: { ...p, name: [{ family: 'ByAino' }] }, baseVersion: '1' });
    writeLocal(b.db, { resource: { ...p, name: [{ family: 'ByLeena' }] }, baseVersion: '1' });
    expect(await drainOutbox(a.db, a.client)).toEqual({ pushed: 1, conflicts: 0 });
    expect(await drainOutbox(b.db, b.client)).toEqual({ pushed: 0, conflicts: 1 });
    const parked = b.db.prepare("SELECT http_status, body, server_body FROM outbox WHERE state = 'conflict'").get() as {
      http_status: number;
      body: string;
      server_body: string;
    };
    expect(parked.http_status).toBe(412);
    expect(JSON.parse(parked.body)).toMatchObject({ name: [{ family: 'ByLeena' }] });
    expect(JSON.parse(parked.server_body)).toMatchObject({ name: [{ family: 'ByAino' }], meta: { versionId: '2' } });
    // Leena's local text is still there for her to resolve; the pull does not overwrite it.
    await pullChanges(b.db, b.client);
    expect(readResource(b.db, 'Patient', p.id)).toMatchObject({ name: [{ family: 'ByLeena' }] });

    // Leena decides to keep hers: it goes on top of Aino's version, explicitly.
    const [conflict] = listConflicts(b.db);
    expect(conflict).toMatchObject({
      httpStatus: 412,
      mine: { name: [{ family: 'ByLeena' }] },
      theirs: { name: [{ family: 'ByAino' }] },
    });
    resolveConflict(b.db, conflict!.id, 'mine');
    expect(await drainOutbox(b.db, b.client)).toEqual({ pushed: 1, conflicts: 0 });
    await pullChanges(a.db, a.client);
    expect(readResource(a.db, 'Patient', p.id)).toMatchObject({
      name: [{ family: 'ByLeena' }],
      meta: { versionId: '3' },
    });

    // Aino, editing an old copy, takes the server's version instead.
    writeLocal(a.db, { resource: { ...p, name: [{ family: 'Stale' }] }, baseVersion: '1' });
    await drainOutbox(a.db, a.client);
    resolveConflict(a.db, listConflicts(a.db)[0]!.id, 'theirs');
    expect(listConflicts(a.db)).toEqual([]);
    expect(readResource(a.db, 'Patient', p.id)).toMatchObject({ name: [{ family: 'ByLeena' }] });
  });
});
