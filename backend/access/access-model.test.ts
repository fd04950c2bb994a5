import { randomBytes, randomUUID } from 'node:crypto';
import type { Bundle, Communication, Patient, Task } from '@medplum/fhirtypes';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testDatabases } from '../../test/support/databases';
import type { Db } from '../db/db';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';

/**
 * The access model (docs/SECURITY.md) as a matrix: every FHIR interaction, the sync feed and the
 * realtime notices, for each role, about a resident she cares for, one she does not, and one she
 * opened with a stated reason. Each cell asserts allowed or refused.
 */
const users = { nurse: 'aino', doctor: 'eero', social: 'saara', lead: 'leena', admin: 'antti' } as const;
type Who = keyof typeof users;
const staffId: Record<Who, string> = {
  nurse: 'staff-nurse-aino',
  doctor: 'staff-doctor-eero',
  social: 'staff-social-saara',
  lead: 'staff-lead-leena',
  admin: 'staff-admin-antti',
};
type Relation = 'in-care' | 'none' | 'stated-reason';

describe.each(testDatabases)('access model on $name', (database) => {
  let app: FastifyInstance;
  let db: Db;
  let base = '';
  let drop: () => Promise<void>;
  const tokens = {} as Record<Who, string>;
  /** Per relation: the resident and a message in her conversation (a shared-register record). */
  const residents = {} as Record<Relation, { patient: string; message: string }>;

  const call = (
    who: Who,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const json = async <T>(r: Promise<LightMyRequestResponse>): Promise<T> => (await r).json() as T;

  const patient = (family: string): Patient => ({
    resourceType: 'Patient',
    name: [{ family, given: ['Testi'] }],
    identifier: [{ system: 'urn:kaari:synthetic', value: `AM-${family}-${randomUUID().slice(0, 8)}` }],
  });
  const message = (patientId: string, text: string): Communication => ({
    resourceType: 'Communication',
    status: 'completed',
    subject: { reference: `Patient/${patientId}` },
    sender: { reference: `Practitioner/${staffId.lead}` },
    payload: [{ contentString: text }],
    sent: new Date().toISOString(),
  });

  beforeAll(async () => {
    const created = await database.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(db);
    app = await buildBackend({ db, tokenSecret: randomBytes(32) });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const [who, username] of Object.entries(users) as [Who, string][]) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username, password: 'kaari-demo', deviceId: `device-${who}` },
      });
      tokens[who] = (r.json() as { accessToken: string }).accessToken;
    }
    // The team lead registers three residents, each with a message in her conversation.
    for (const relation of ['in-care', 'none', 'stated-reason'] as const) {
      const p = await json<Patient>(call('lead', 'POST', '/fhir/Patient', patient(relation)));
      const m = await json<Communication>(
        call('lead', 'POST', '/fhir/Communication', message(p.id ?? '', `Viesti ${relation}`)),
      );
      residents[relation] = { patient: p.id ?? '', message: m.id ?? '' };
    }
    // Each clinician holds a finished contact of the first: a care relationship for the window.
    for (const who of ['nurse', 'doctor', 'social'] as const) {
      const task: Task = {
        resourceType: 'Task',
        status: 'completed',
        intent: 'order',
        for: { reference: `Patient/${residents['in-care'].patient}` },
        owner: { reference: `Practitioner/${staffId[who]}` },
      };
      expect((await call('lead', 'POST', '/fhir/Task', task)).statusCode).toBe(201);
      // ...and each states a reason to open the third.
      const opened = await call(who, 'POST', '/access/break-glass', {
        resident: residents['stated-reason'].patient,
        reason: 'Asukas soitti päivystykseen, tarvitsen aiemmat tiedot.',
      });
      expect(opened.statusCode, `${who} opens with a reason`).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  /** What each role may do with a resident's data, by relation: the rule of docs/SECURITY.md. */
  const mayRead = (who: Who, relation: Relation) => who === 'lead' || (who !== 'admin' && relation !== 'none');
  const roles: Who[] = ['nurse', 'doctor', 'social', 'lead', 'admin'];
  const relations: Relation[] = ['in-care', 'none', 'stated-reason'];
  const cells = roles.flatMap((who) => relations.map((relation) => [who, relation] as const));

  it.each(cells)('%s, resident %s: read, vread, search, history and the feed', async (who, relation) => {
    const { patient: pid, message: mid } = residents[relation];
    const allowed = mayRead(who, relation);
    const readStatus = allowed ? 200 : 403;
    expect((await call(who, 'GET', `/fhir/Communication/${mid}`)).statusCode, 'read').toBe(readStatus);
    expect((await call(who, 'GET', `/fhir/Communication/${mid}/_history/1`)).statusCode, 'vread').toBe(readStatus);
    expect((await call(who, 'GET', `/fhir/Communication/${mid}/_history`)).statusCode, 'history-instance').toBe(
      readStatus,
    );
    expect((await call(who, 'GET', `/fhir/Patient/${pid}`)).statusCode, 'read Patient').toBe(readStatus);
    const search = await call(who, 'GET', `/fhir/Communication?subject=Patient/${pid}`);
    if (who === 'admin') expect(search.statusCode, 'search (admin)').toBe(403);
    else
      expect(
        ((search.json() as Bundle).entry ?? []).map((e) => e.resource?.id),
        'search',
      ).toEqual(allowed ? [mid] : []);
    const typeHistory = await call(who, 'GET', '/fhir/Communication/_history?_count=1000');
    if (who === 'admin') expect(typeHistory.statusCode, 'history-type (admin)').toBe(403);
    else
      expect(
        ((typeHistory.json() as Bundle).entry ?? []).some((e) => e.resource?.id === mid),
        'history-type',
      ).toBe(allowed);
    const feed = await json<{ changes: { type: string; id: string }[] }>(
      call(who, 'GET', '/sync/changes?after=0&limit=2000'),
    );
    expect(
      feed.changes.some((c) => c.type === 'Communication' && c.id === mid),
      'feed',
    ).toBe(allowed);
    expect(
      feed.changes.some((c) => c.type === 'Patient' && c.id === pid),
      'feed Patient',
    ).toBe(allowed);
    const scope = await json<{ all: boolean; residents: string[] }>(call(who, 'GET', '/sync/scope'));
    expect(scope.all || scope.residents.includes(pid), 'scope').toBe(allowed);
  });

  it.each(cells)('%s, resident %s: create, update, delete, transaction', async (who, relation) => {
    const { patient: pid, message: mid } = residents[relation];
    const allowed = mayRead(who, relation);
    const own: Communication = { ...message(pid, 'Oma viesti'), sender: { reference: `Practitioner/${staffId[who]}` } };
    const created = await call(who, 'POST', '/fhir/Communication', own);
    expect(created.statusCode, 'create').toBe(allowed ? 201 : 403);
    const current = await json<Communication>(call('lead', 'GET', `/fhir/Communication/${mid}`));
    const read = { ...current, received: new Date().toISOString() };
    const updated = await call(who, 'PUT', `/fhir/Communication/${mid}`, read, {
      'if-match': `W/"${current.meta?.versionId}"`,
    });
    expect(updated.statusCode, 'update (mark read)').toBe(allowed ? 200 : 403);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { ...own, id: undefined }, request: { method: 'POST', url: 'Communication' } }],
    };
    expect((await call(who, 'POST', '/fhir', bundle)).statusCode, 'transaction').toBe(allowed ? 200 : 403);
    // Nothing clinical is ever deleted, by anyone.
    expect((await call(who, 'DELETE', `/fhir/Communication/${mid}`)).statusCode, 'delete').toBe(
      who === 'admin' ? 403 : 405,
    );
  });

  it.each(roles)('%s hears of a change only where the rule lets her see it', async (who) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/realtime`);
    const seen: number[] = [];
    const ready = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { type: string; seq?: number };
        if (frame.type === 'ready') resolve();
        if (frame.type === 'changed' && frame.seq !== undefined) seen.push(frame.seq);
      });
      ws.once('error', reject);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'auth', accessToken: tokens[who] }));
    await ready;
    const seqOf = async (id: string) =>
      Number(
        (
          await db.query<{ seq: string }>("SELECT seq FROM resource_current WHERE type = 'Communication' AND id = $1", [
            id,
          ])
        )[0]?.seq,
      );
    const written: Record<Relation, number> = { 'in-care': 0, none: 0, 'stated-reason': 0 };
    for (const relation of relations) {
      const m = await json<Communication>(
        call('lead', 'POST', '/fhir/Communication', message(residents[relation].patient, `Uusi ${who}`)),
      );
      written[relation] = await seqOf(m.id ?? '');
    }
    // A template change, which every role may see, marks the end: notices arrive in commit order.
    const marker = await json<{ id: string }>(
      call('lead', 'POST', '/fhir/Basic', {
        resourceType: 'Basic',
        code: { coding: [{ system: 'urn:kaari:test', code: 'marker' }] },
      }),
    );
    const markerSeq = Number(
      (
        await db.query<{ seq: string }>("SELECT seq FROM resource_current WHERE type = 'Basic' AND id = $1", [
          marker.id,
        ])
      )[0]?.seq,
    );
    await expect.poll(() => seen.includes(markerSeq), { timeout: 5000 }).toBe(true);
    for (const relation of relations)
      expect(seen.includes(written[relation]), `notice about a resident ${relation}`).toBe(mayRead(who, relation));
    ws.close();
  });
});
