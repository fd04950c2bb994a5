import { randomBytes } from 'node:crypto';
import type { AuditEvent, Bundle, Composition, Observation, Patient, Task } from '@medplum/fhirtypes';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenDataConsentResource } from '../../shared/fhir/citizen-data-consent';
import { testDatabases } from '../../test/support/databases';
import { verifyAuditChain } from '../audit/chain';
import type { Db } from '../db/db';
import { ResourceStore } from '../fhir/store';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';

/** Each request an independent review found succeeding (issue #11), now refused or narrowed. */
describe.each(testDatabases)('the requests of the access review on $name', (database) => {
  let app: FastifyInstance;
  let db: Db;
  let drop: () => Promise<void>;
  const tokens: Record<string, string> = {};
  const as = (
    user: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[user]}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const ok = async <T>(r: Promise<LightMyRequestResponse>, status = [200, 201]): Promise<T> => {
    const response = await r;
    expect(status, response.body).toContain(response.statusCode);
    return response.json() as T;
  };
  const refusedWithOutcome = (r: LightMyRequestResponse, status: number) => {
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json()).toMatchObject({ resourceType: 'OperationOutcome' });
  };
  const residents: Patient[] = [];
  let signed: Composition;

  beforeAll(async () => {
    const created = await database.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(db);
    app = await buildBackend({ db, tokenSecret: randomBytes(32) });
    for (const user of ['aino', 'bjorn', 'eero', 'saara', 'leena', 'antti']) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: user, password: 'kaari-demo', deviceId: `device-${user}` },
      });
      tokens[user] = (r.json() as { accessToken: string }).accessToken;
    }
    // Thirty residents the team lead registered; the doctor cares for the first and signed a note about her.
    for (let i = 0; i < 30; i += 1)
      residents.push(
        await ok<Patient>(
          as('leena', 'POST', '/fhir/Patient', { resourceType: 'Patient', name: [{ family: `Asukas${i}` }] }),
        ),
      );
    const first = residents[0]?.id ?? '';
    await ok(
      as('leena', 'POST', '/fhir/Task', {
        resourceType: 'Task',
        status: 'completed',
        intent: 'order',
        for: { reference: `Patient/${first}` },
        owner: { reference: 'Practitioner/staff-doctor-eero' },
      }),
    );
    signed = await ok<Composition>(
      as('eero', 'POST', '/fhir/Composition', {
        resourceType: 'Composition',
        status: 'final',
        type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] },
        subject: { reference: `Patient/${first}` },
        date: new Date().toISOString(),
        author: [{ reference: 'Practitioner/staff-doctor-eero' }],
        title: 'Lääkärin arvio',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('a nurse searching 1,000 residents gets only those in her care, and the feed likewise', async () => {
    const search = await ok<Bundle<Patient>>(as('aino', 'GET', '/fhir/Patient?_count=1000'));
    expect(search.entry ?? []).toEqual([]);
    const feed = await ok<{ changes: { type: string }[] }>(as('aino', 'GET', '/sync/changes?after=0&limit=2000'));
    expect(feed.changes.filter((c) => c.type === 'Patient')).toEqual([]);
    // The team lead supervises: she sees all thirty.
    expect((await ok<Bundle<Patient>>(as('leena', 'GET', '/fhir/Patient?_count=1000'))).entry).toHaveLength(30);
  });

  it("a social worker reads neither a doctor's signed note nor a resident's PHQ-9, even in a relationship", async () => {
    const pid = residents[0]?.id ?? '';
    await ok(
      as('leena', 'POST', '/fhir/Task', {
        resourceType: 'Task',
        status: 'completed',
        intent: 'order',
        for: { reference: `Patient/${pid}` },
        owner: { reference: 'Practitioner/staff-social-saara' },
      }),
    );
    refusedWithOutcome(await as('saara', 'GET', `/fhir/Composition/${signed.id}`), 403);
    const phq9: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      subject: { reference: `Patient/${pid}` },
      performer: [{ reference: 'Practitioner/staff-doctor-eero' }],
      valueInteger: 14,
    };
    const stored = await ok<Observation>(as('eero', 'POST', '/fhir/Observation', phq9));
    refusedWithOutcome(await as('saara', 'GET', `/fhir/Observation/${stored.id}`), 403);
    expect((await ok<Bundle>(as('saara', 'GET', `/fhir/Observation?subject=Patient/${pid}`))).entry ?? []).toEqual([]);
    // Her own social-care record she reads; the doctor does not.
    const social = await ok<Composition>(
      as('saara', 'POST', '/fhir/Composition', {
        ...signed,
        id: undefined,
        meta: undefined,
        author: [{ reference: 'Practitioner/staff-social-saara' }],
        title: 'Sosiaalityön arvio',
      }),
    );
    expect((await as('saara', 'GET', `/fhir/Composition/${social.id}`)).statusCode).toBe(200);
    expect((await as('eero', 'GET', `/fhir/Composition/${social.id}`)).statusCode).toBe(403);
  });

  it('withdrawn consent hides self-reported measurements on the backend, not only in the UI', async () => {
    const pid = residents[1]?.id ?? '';
    await ok(
      as('leena', 'POST', '/fhir/Task', {
        resourceType: 'Task',
        status: 'completed',
        intent: 'order',
        for: { reference: `Patient/${pid}` },
        owner: { reference: 'Practitioner/staff-nurse-aino' },
      }),
    );
    const store = new ResourceStore(db);
    const reported: Observation = {
      resourceType: 'Observation',
      id: `bp-${pid}`,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: `Patient/${pid}` },
      performer: [{ reference: `Patient/${pid}` }],
      valueString: '150/95',
    };
    await store.write(async (tx) => {
      await store.create(tx, reported, reported.id);
      await store.create(tx, citizenDataConsentResource(pid, 'permit', '2026-11-01T10:00:00Z'));
    });
    expect((await as('aino', 'GET', `/fhir/Observation/${reported.id}`)).statusCode).toBe(200);
    await store.write((tx) => store.create(tx, citizenDataConsentResource(pid, 'deny', '2026-11-02T10:00:00Z')));
    expect((await as('aino', 'GET', `/fhir/Observation/${reported.id}`)).statusCode).toBe(403);
    const feed = await ok<{ changes: { type: string; id: string }[] }>(
      as('aino', 'GET', '/sync/changes?after=0&limit=2000'),
    );
    expect(feed.changes.some((c) => c.id === reported.id)).toBe(false);
  });

  it('a signed note is not rewritten, attributed to a doctor, or deleted; consent is not written by staff', async () => {
    const pid = residents[0]?.id ?? '';
    await ok(
      as('leena', 'POST', '/fhir/Task', {
        resourceType: 'Task',
        status: 'completed',
        intent: 'order',
        for: { reference: `Patient/${pid}` },
        owner: { reference: 'Practitioner/staff-nurse-aino' },
      }),
    );
    const current = await ok<Composition>(as('aino', 'GET', `/fhir/Composition/${signed.id}`));
    refusedWithOutcome(
      await as('aino', 'PUT', `/fhir/Composition/${signed.id}`, { ...current, title: 'Muokattu' }),
      403,
    );
    // Even as a correction, only by its author or a doctor…
    const correction = {
      ...current,
      status: 'amended',
      extension: [{ url: 'urn:kaari:fhir:correction-reason', valueString: 'Väärä potilas' }],
    };
    refusedWithOutcome(await as('aino', 'PUT', `/fhir/Composition/${signed.id}`, correction), 403);
    // …and the doctor himself only with a reason.
    refusedWithOutcome(
      await as('eero', 'PUT', `/fhir/Composition/${signed.id}`, { ...current, title: 'Tarkennettu' }),
      403,
    );
    expect((await as('eero', 'PUT', `/fhir/Composition/${signed.id}`, correction)).statusCode).toBe(200);
    refusedWithOutcome(
      await as('aino', 'POST', '/fhir/Composition', {
        ...current,
        id: undefined,
        meta: undefined,
        status: 'final',
        author: [{ reference: 'Practitioner/staff-doctor-eero' }],
      }),
      403,
    );
    refusedWithOutcome(await as('aino', 'DELETE', `/fhir/Composition/${signed.id}`), 405);
    refusedWithOutcome(
      await as('aino', 'POST', '/fhir/Consent', citizenDataConsentResource(pid, 'permit', new Date().toISOString())),
      403,
    );
    expect((await ok<Composition>(as('leena', 'GET', `/fhir/Composition/${signed.id}`))).status).toBe('amended');
    // Who wrote each version, and from which device, is kept.
    const versions = await db.query<{ version_id: number; written_by: string; device_id: string | null }>(
      "SELECT version_id, written_by, device_id FROM resource_version WHERE type = 'Composition' AND id = $1 ORDER BY version_id",
      [signed.id],
    );
    expect(versions).toEqual([
      { version_id: 1, written_by: 'Practitioner/staff-doctor-eero', device_id: 'device-eero' },
      { version_id: 2, written_by: 'Practitioner/staff-doctor-eero', device_id: 'device-eero' },
    ]);
  });

  it("a colleague's contact is not taken by DELETE then PUT, nor closed, nor in a transaction", async () => {
    const pid = residents[2]?.id ?? '';
    const task = await ok<Task>(
      as('leena', 'POST', '/fhir/Task', {
        resourceType: 'Task',
        status: 'accepted',
        intent: 'order',
        for: { reference: `Patient/${pid}` },
        owner: { reference: 'Practitioner/staff-nurse-aino', display: 'Aino Virtanen' },
      }),
    );
    refusedWithOutcome(await as('bjorn', 'DELETE', `/fhir/Task/${task.id}`), 405);
    const mine = { ...task, owner: { reference: 'Practitioner/staff-nurse-bjorn' } };
    refusedWithOutcome(await as('bjorn', 'PUT', `/fhir/Task/${task.id}`, mine), 403);
    refusedWithOutcome(await as('bjorn', 'PUT', `/fhir/Task/${task.id}`, { ...task, status: 'completed' }), 403);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'DELETE', url: `Task/${task.id}` } },
        { resource: mine, request: { method: 'PUT', url: `Task/${task.id}` } },
      ],
    };
    refusedWithOutcome(await as('bjorn', 'POST', '/fhir', bundle), 405);
    const stored = await ok<Task>(as('leena', 'GET', `/fhir/Task/${task.id}`));
    expect(stored).toMatchObject({
      status: 'accepted',
      owner: { reference: 'Practitioner/staff-nurse-aino' },
      meta: { versionId: '1' },
    });
  });

  it('audit: a search of N residents logs N events, every write one, and an edited or removed event breaks the chain', async () => {
    const count = async () =>
      Number(
        (await db.query<{ n: string }>("SELECT count(*) AS n FROM resource_current WHERE type = 'AuditEvent'"))[0]?.n,
      );
    const before = await count();
    const search = await ok<Bundle<Patient>>(as('leena', 'GET', '/fhir/Patient?_count=1000'));
    expect(search.entry).toHaveLength(30);
    expect((await count()) - before).toBe(30);
    const byResident = await db.query<{ patient_id: string }>(
      "SELECT patient_id FROM resource_current WHERE type = 'AuditEvent' ORDER BY seq DESC LIMIT 30",
    );
    expect(new Set(byResident.map((r) => r.patient_id))).toEqual(new Set(residents.map((r) => r.id)));

    const beforeWrite = await count();
    const pid = residents[3]?.id ?? '';
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: {
            resourceType: 'Task',
            status: 'requested',
            intent: 'order',
            for: { reference: `Patient/${pid}` },
          },
          request: { method: 'POST', url: 'Task' },
        },
        {
          resource: {
            resourceType: 'Task',
            status: 'requested',
            intent: 'order',
            for: { reference: `Patient/${pid}` },
          },
          request: { method: 'POST', url: 'Task' },
        },
      ],
    };
    await ok(as('leena', 'POST', '/fhir', bundle));
    const writes = await db.query<{ body: AuditEvent }>(
      "SELECT body FROM resource_current WHERE type = 'AuditEvent' ORDER BY seq DESC LIMIT 2",
    );
    expect((await count()) - beforeWrite).toBe(2);
    expect(
      writes.map((w) => [w.body.action, w.body.agent[0]?.who?.reference, w.body.agent[0]?.network?.address]),
    ).toEqual([
      ['C', 'Practitioner/staff-lead-leena', 'device-leena'],
      ['C', 'Practitioner/staff-lead-leena', 'device-leena'],
    ]);

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    const victim = (
      await db.query<{ id: string; body: AuditEvent }>(
        "SELECT id, body FROM resource_current WHERE type = 'AuditEvent' ORDER BY seq LIMIT 1 OFFSET 5",
      )
    )[0];
    await db.query(
      "UPDATE resource_current SET body = jsonb_set(body, '{recorded}', '\"2019-01-01T00:00:00Z\"') WHERE type = 'AuditEvent' AND id = $1",
      [victim?.id],
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { eventId: victim?.id, why: 'edited' } });
    await db.query("UPDATE resource_current SET body = $2 WHERE type = 'AuditEvent' AND id = $1", [
      victim?.id,
      victim?.body,
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    await db.query("DELETE FROM resource_current WHERE type = 'AuditEvent' AND id = $1", [victim?.id]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { eventId: victim?.id, why: 'missing' } });
  });

  it('a workstation cannot upload reads dated outside its sessions', async () => {
    const pid = residents[4]?.id ?? '';
    const entry = (at: string) => ({
      entries: [{ id: crypto.randomUUID(), at, action: 'resident-context', references: [`Patient/${pid}`] }],
    });
    refusedWithOutcome(await as('aino', 'POST', '/audit/access', entry('2019-05-01T10:00:00.000Z')), 400);
    refusedWithOutcome(
      await as('aino', 'POST', '/audit/access', entry(new Date(Date.now() + 3_600_000).toISOString())),
      400,
    );
    expect(
      (await ok<{ recorded: number }>(as('aino', 'POST', '/audit/access', entry(new Date().toISOString())))).recorded,
    ).toBe(1);
  });

  it('a stated reason opens the resident, is listed for the team lead and shown to the resident', async () => {
    const target = residents[5] as Patient;
    refusedWithOutcome(await as('aino', 'GET', `/fhir/Patient/${target.id}`), 403);
    refusedWithOutcome(await as('aino', 'POST', '/access/break-glass', { resident: target.id, reason: 'lyhyt' }), 400);
    refusedWithOutcome(
      await as('antti', 'POST', '/access/break-glass', { resident: target.id, reason: 'Ylläpitäjä haluaa katsoa.' }),
      403,
    );
    await ok(
      as('aino', 'POST', '/access/break-glass', {
        resident: target.id,
        reason: 'Asukas soitti, tarvitsen aiemman hoidon tiedot.',
      }),
    );
    expect((await as('aino', 'GET', `/fhir/Patient/${target.id}`)).statusCode).toBe(200);
    const log = await ok<{ entries: { staffName: string; residentName: string; reason: string }[] }>(
      as('leena', 'GET', '/access/break-glass'),
    );
    expect(log.entries[0]).toMatchObject({
      staffName: 'Aino Virtanen',
      residentName: 'Asukas5',
      reason: 'Asukas soitti, tarvitsen aiemman hoidon tiedot.',
    });
    refusedWithOutcome(await as('aino', 'GET', '/access/break-glass'), 403);
    // Signing out ends what a stated reason opened.
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'aino', password: 'kaari-demo', deviceId: 'device-aino-2' },
    });
    const session = login.json() as { accessToken: string; refreshToken: string };
    await app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: session.refreshToken } });
    refusedWithOutcome(await as('aino', 'GET', `/fhir/Patient/${target.id}`), 403);
  });
});
