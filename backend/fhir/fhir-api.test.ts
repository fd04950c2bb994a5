import { randomBytes, randomUUID } from 'node:crypto';
import type { Bundle, Patient, Task } from '@medplum/fhirtypes';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';
import { fhirValidator } from './validator';

const patient = (family: string): Patient => ({
  resourceType: 'Patient',
  name: [{ family, given: ['Testi'] }],
  identifier: [{ system: 'urn:kaari:synthetic', value: `id-${family}` }],
});
const task = (status: Task['status'], patientId: string): Task => ({
  resourceType: 'Task',
  status,
  intent: 'order',
  for: { reference: `Patient/${patientId}` },
});

describe.each(testDatabases)('FHIR R4 API on $name', (database) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const tokens: Record<string, string> = {};
  const outputs: unknown[] = [];

  beforeAll(async () => {
    const created = await database.create();
    drop = created.drop;
    await seedDemo(created.db);
    app = await buildBackend({ db: created.db, tokenSecret: randomBytes(32) });
    for (const user of ['aino', 'antti', 'leena', 'bjorn']) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: user, password: 'kaari-demo', deviceId: 'd' },
      });
      tokens[user] = (r.json() as { accessToken: string }).accessToken;
    }
  }, 60_000);
  afterAll(async () => {
    // Every body the API answered with is valid FHIR R4 by the official schema.
    const validator = fhirValidator();
    const invalid = outputs.map((o) => ({ o, r: validator.isValid(o) })).filter((x) => !x.r.valid);
    expect(invalid.map((x) => `${(x.o as { resourceType: string }).resourceType}: ${x.r.errors.join(', ')}`)).toEqual(
      [],
    );
    expect(outputs.length).toBeGreaterThan(20);
    await app.close();
    await drop();
  });

  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    as = 'aino',
  ): Promise<LightMyRequestResponse> => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[as]}`, ...headers },
      ...(body ? { payload: body as object } : {}),
    });
    if (response.body && response.headers['content-type']?.toString().includes('json')) {
      const json = response.json() as { resourceType?: string };
      if (json.resourceType) outputs.push(json);
    }
    return response;
  };

  it('publishes a CapabilityStatement at /metadata', async () => {
    const r = await call('GET', '/fhir/metadata');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
  });

  it('create answers 201 with Location and ETag; read returns it with meta', async () => {
    const r = await call('POST', '/fhir/Patient', patient('Create'));
    expect(r.statusCode).toBe(201);
    const body = r.json() as Patient;
    expect(r.headers.location).toBe(`http://localhost:80/fhir/Patient/${body.id}/_history/1`);
    expect(r.headers.etag).toBe('W/"1"');
    const read = await call('GET', `/fhir/Patient/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: body.id, meta: { versionId: '1' }, name: [{ family: 'Create' }] });
  });

  it('update with the current version succeeds; with a stale one it is 412 and nothing changes', async () => {
    const created = (await call('POST', '/fhir/Patient', patient('Versioned'))).json() as Patient;
    const ok = await call(
      'PUT',
      `/fhir/Patient/${created.id}`,
      { ...patient('Versioned2'), id: created.id },
      { 'if-match': 'W/"1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('W/"2"');
    const stale = await call(
      'PUT',
      `/fhir/Patient/${created.id}`,
      { ...patient('Lost'), id: created.id },
      { 'if-match': 'W/"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    expect((await call('GET', `/fhir/Patient/${created.id}`)).json()).toMatchObject({
      name: [{ family: 'Versioned2' }],
    });
    const v1 = await call('GET', `/fhir/Patient/${created.id}/_history/1`);
    expect(v1.json()).toMatchObject({ name: [{ family: 'Versioned' }], meta: { versionId: '1' } });
    const history = (await call('GET', `/fhir/Patient/${created.id}/_history`)).json() as Bundle;
    expect(history).toMatchObject({ type: 'history', total: 2 });
  });

  it('conditional create (If-None-Exist) returns the existing resource instead of a duplicate', async () => {
    const first = await call('POST', '/fhir/Patient', patient('Conditional'), {
      'if-none-exist': 'identifier=id-Conditional',
    });
    const second = await call('POST', '/fhir/Patient', patient('Conditional'), {
      'if-none-exist': 'identifier=id-Conditional',
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect((second.json() as Patient).id).toBe((first.json() as Patient).id);
  });

  it('searches by status and patient, pages with links, sorts by _lastUpdated', async () => {
    const p = (await call('POST', '/fhir/Patient', patient('Searched'))).json() as Patient;
    for (const status of ['requested', 'requested', 'requested', 'completed'] as const)
      await call('POST', '/fhir/Task', task(status, p.id ?? ''));
    const page1 = (
      await call('GET', `/fhir/Task?patient=${p.id}&status=requested&_count=2&_sort=_lastUpdated`)
    ).json() as Bundle<Task>;
    expect(page1.type).toBe('searchset');
    expect(page1.entry).toHaveLength(2);
    const next = page1.link?.find((l) => l.relation === 'next')?.url ?? '';
    const page2 = (await call('GET', next)).json() as Bundle<Task>;
    expect(page2.entry).toHaveLength(1);
    expect(page2.link?.some((l) => l.relation === 'next')).toBe(false);
    const all = [...(page1.entry ?? []), ...(page2.entry ?? [])].map((e) => e.resource?.meta?.lastUpdated ?? '');
    expect(all).toEqual([...all].sort());
    expect((await call('GET', `/fhir/Task?_id=${page1.entry?.[0]?.resource?.id}`)).json()).toMatchObject({
      entry: [{ resource: { id: page1.entry?.[0]?.resource?.id } }],
    });
    // Unknown parameters are ignored (FHIR's lenient default, the self link leaves them out), refused when asked to be strict.
    const lenient = await call('GET', '/fhir/Task?nonsense=1&_count=1');
    expect(lenient.statusCode).toBe(200);
    expect((lenient.json() as Bundle).link?.[0]?.url).toBe('http://localhost:80/fhir/Task?_count=1');
    expect((await call('GET', '/fhir/Task?nonsense=1', undefined, { prefer: 'handling=strict' })).statusCode).toBe(400);
  });

  it('applies a transaction Bundle atomically, resolving urn:uuid references', async () => {
    const pid = `urn:uuid:${randomUUID()}`;
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: pid, resource: patient('Tx'), request: { method: 'POST', url: 'Patient' } },
        {
          resource: { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: pid } },
          request: { method: 'POST', url: 'Task' },
        },
      ],
    };
    const r = await call('POST', '/fhir', bundle);
    expect(r.statusCode).toBe(200);
    const response = r.json() as Bundle;
    expect(response.type).toBe('transaction-response');
    const patientRef = response.entry?.[0]?.fullUrl;
    expect(`http://localhost:80/fhir/${(response.entry?.[1]?.resource as Task).for?.reference}`).toBe(patientRef);

    // One bad entry: the whole bundle is refused and the good entry is not stored either.
    const before = ((await call('GET', '/fhir/Patient?identifier=id-Atomic')).json() as Bundle).entry ?? [];
    const broken: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:0d6f0f2e-6f4b-4a53-9f62-2b1a4b7c9e11',
          resource: patient('Atomic'),
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Task',
            status: 'not-a-status',
            intent: 'order',
            for: { reference: 'urn:uuid:0d6f0f2e-6f4b-4a53-9f62-2b1a4b7c9e11' },
          } as never,
          request: { method: 'POST', url: 'Task' },
        },
      ],
    };
    expect((await call('POST', '/fhir', broken)).statusCode).toBe(400);
    expect(((await call('GET', '/fhir/Patient?identifier=id-Atomic')).json() as Bundle).entry ?? []).toHaveLength(
      before.length,
    );
  });

  it('applies a retried push once (Idempotency-Key)', async () => {
    const key = randomUUID();
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: patient('Once'), request: { method: 'POST', url: 'Patient' } }],
    };
    const first = await call('POST', '/fhir', bundle, { 'idempotency-key': key });
    const again = await call('POST', '/fhir', bundle, { 'idempotency-key': key });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(((await call('GET', '/fhir/Patient?identifier=id-Once')).json() as Bundle).entry).toHaveLength(1);
  });

  it('refuses a resource that is not valid FHIR R4 with a 400 OperationOutcome', async () => {
    const r = await call('POST', '/fhir/Patient', { resourceType: 'Patient', gender: 'robot' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid' }],
    });
    expect((await call('GET', '/fhir/Patient/does-not-exist')).statusCode).toBe(404);
  });

  it('every route answers 401 without a token', async () => {
    const routes: [string, string][] = [
      ['GET', '/fhir/Patient'],
      ['POST', '/fhir/Patient'],
      ['GET', '/fhir/Patient/x'],
      ['PUT', '/fhir/Patient/x'],
      ['DELETE', '/fhir/Patient/x'],
      ['GET', '/fhir/Patient/_history'],
      ['GET', '/fhir/Patient/x/_history'],
      ['GET', '/fhir/Patient/x/_history/1'],
      ['POST', '/fhir'],
      ['GET', '/sync/changes'],
    ];
    for (const [method, url] of routes) {
      const r = await app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' || method === 'DELETE' ? undefined : { resourceType: 'Patient' },
      });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
    const forged = await app.inject({
      method: 'GET',
      url: '/fhir/Patient',
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('every patient-data route answers 403 to the administrator', async () => {
    const p = (await call('POST', '/fhir/Patient', patient('Forbidden'))).json() as Patient;
    const routes: [string, string, unknown?][] = [
      ['GET', '/fhir/Patient'],
      ['POST', '/fhir/Patient', patient('X')],
      ['GET', `/fhir/Patient/${p.id}`],
      ['PUT', `/fhir/Patient/${p.id}`, { ...patient('X'), id: p.id }],
      ['DELETE', `/fhir/Patient/${p.id}`],
      ['GET', '/fhir/Patient/_history'],
      ['GET', `/fhir/Patient/${p.id}/_history`],
      ['GET', `/fhir/Patient/${p.id}/_history/1`],
      ['POST', `/fhir/Task/${p.id}/$claim`, {}],
      [
        'POST',
        '/fhir',
        {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [{ resource: patient('X'), request: { method: 'POST', url: 'Patient' } }],
        },
      ],
    ];
    for (const [method, url, body] of routes) {
      expect((await call(method as 'GET', url, body, {}, 'antti')).statusCode, `${method} ${url}`).toBe(403);
    }
    // The change feed does not refuse; it leaves out what the role may not see (here: all but the directory she keeps).
    expect(
      (
        await call(
          'POST',
          '/fhir/Practitioner',
          { resourceType: 'Practitioner', name: [{ family: 'Hakemisto' }] },
          {},
          'antti',
        )
      ).statusCode,
    ).toBe(201);
    const feed = (await call('GET', '/sync/changes?after=0&limit=2000', undefined, {}, 'antti')).json() as {
      changes: { type: string }[];
    };
    expect(feed.changes.length).toBeGreaterThan(0);
    expect(
      feed.changes.every((c) => ['Practitioner', 'PractitionerRole', 'Organization', 'AuditEvent'].includes(c.type)),
    ).toBe(true);
  });

  it('the administrator cannot read patient data (403); nobody writes the access log', async () => {
    expect((await call('GET', '/fhir/Patient', undefined, {}, 'antti')).statusCode).toBe(403);
    expect((await call('POST', '/fhir/Task', task('requested', 'x'), {}, 'antti')).statusCode).toBe(403);
    expect((await call('GET', '/fhir/Practitioner', undefined, {}, 'antti')).statusCode).toBe(200);
    expect((await call('GET', '/fhir/AuditEvent', undefined, {}, 'aino')).statusCode).toBe(403);
    expect((await call('POST', '/fhir/AuditEvent', { resourceType: 'AuditEvent' }, {}, 'leena')).statusCode).toBe(403);
  });

  it('every read of patient data leaves an AuditEvent naming the reader and the resource', async () => {
    const p = (await call('POST', '/fhir/Patient', patient('Audited'))).json() as Patient;
    await call('GET', `/fhir/Patient/${p.id}`);
    const audit = (await call('GET', '/fhir/AuditEvent?_count=5', undefined, {}, 'leena')).json() as Bundle;
    const latest =
      audit.entry?.map(
        (e) => e.resource as { agent: { who: { reference: string } }[]; entity: { what: { reference: string } }[] },
      ) ?? [];
    expect(
      latest.some(
        (a) =>
          a.agent[0]?.who.reference === 'Practitioner/staff-nurse-aino' &&
          a.entity.some((e) => e.what.reference === `Patient/${p.id}`),
      ),
    ).toBe(true);
  });

  it('Task/$claim: the backend decides; the second claimant is told who holds it; closed tasks refuse', async () => {
    const p1 = ((await call('POST', '/fhir/Patient', patient('Claimed'))).json() as Patient).id ?? '';
    const t = (await call('POST', '/fhir/Task', task('requested', p1))).json() as Task;
    const [a, b] = await Promise.all([
      call('POST', `/fhir/Task/${t.id}/$claim`, {}, {}, 'aino'),
      call('POST', `/fhir/Task/${t.id}/$claim`, {}, {}, 'leena'),
    ]);
    const outcome = (r: LightMyRequestResponse) =>
      (r.json() as { parameter: { valueCode?: string }[] }).parameter[0]?.valueCode;
    expect([outcome(a), outcome(b)].sort()).toEqual(['claimed', 'taken']);
    const holder = outcome(a) === 'claimed' ? 'Aino Virtanen' : 'Leena Korhonen';
    for (const r of [a, b])
      expect((r.json() as { parameter: { resource?: Task }[] }).parameter[1]?.resource?.owner?.display).toBe(holder);
    const stored = (await call('GET', `/fhir/Task/${t.id}`)).json() as Task;
    expect(stored).toMatchObject({ status: 'accepted', owner: { display: holder }, meta: { versionId: '2' } });
    // Claiming again what one already holds changes nothing.
    const again = await call('POST', `/fhir/Task/${t.id}/$claim`, {}, {}, outcome(a) === 'claimed' ? 'aino' : 'leena');
    expect(outcome(again)).toBe('claimed');
    expect(((await call('GET', `/fhir/Task/${t.id}`)).json() as Task).meta?.versionId).toBe('2');
    const done = (await call('POST', '/fhir/Task', task('completed', p1))).json() as Task;
    expect((await call('POST', `/fhir/Task/${done.id}/$claim`, {})).statusCode).toBe(409);
    expect((await call('POST', '/fhir/Task/no-such-task/$claim', {})).statusCode).toBe(404);
  });

  it('only the holder or a team lead changes who holds a contact, by PUT or in a transaction', async () => {
    const p1 = ((await call('POST', '/fhir/Patient', patient('Held'))).json() as Patient).id ?? '';
    const t = (await call('POST', '/fhir/Task', task('requested', p1))).json() as Task;
    await call('POST', `/fhir/Task/${t.id}/$claim`, {}, {}, 'aino');
    const held = (await call('GET', `/fhir/Task/${t.id}`)).json() as Task;
    const put = (body: Task, as: string) =>
      call('PUT', `/fhir/Task/${t.id}`, body, { 'if-match': `W/"${body.meta?.versionId}"` }, as);
    const { owner: _owner, ...released } = held;
    expect((await put(released, 'bjorn')).statusCode).toBe(403);
    expect((await put({ ...held, owner: { reference: 'Practitioner/staff-nurse-bjorn' } }, 'bjorn')).statusCode).toBe(
      403,
    );
    const inBundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: released, request: { method: 'PUT', url: `Task/${t.id}` } }],
    };
    expect((await call('POST', '/fhir', inBundle, {}, 'bjorn')).statusCode).toBe(403);
    // Editing other fields is not changing the holder.
    const edited = await put({ ...held, description: 'Tarkennettu' }, 'bjorn');
    expect(edited.statusCode).toBe(200);
    // The team lead may release it; then taking it for oneself is a claim, and giving it away is not.
    const current = edited.json() as Task;
    const { owner: _o, ...byLead } = current;
    const releasedByLead = await put(byLead, 'leena');
    expect(releasedByLead.statusCode).toBe(200);
    const free = releasedByLead.json() as Task;
    expect((await put({ ...free, owner: { reference: 'Practitioner/staff-nurse-aino' } }, 'bjorn')).statusCode).toBe(
      403,
    );
    expect((await put({ ...free, owner: { reference: 'Practitioner/staff-nurse-bjorn' } }, 'bjorn')).statusCode).toBe(
      200,
    );
  });

  it('sync/changes returns what changed after a cursor, in order, only of readable types', async () => {
    const start = (await call('GET', '/sync/changes?after=0&limit=1')).json() as { latest: number };
    await call('POST', '/fhir/Patient', patient('Synced'));
    const page = (await call('GET', `/sync/changes?after=${start.latest}&limit=100`)).json() as {
      changes: { seq: number; type: string }[];
    };
    expect(page.changes.some((c) => c.type === 'Patient')).toBe(true);
    expect(page.changes.map((c) => c.seq)).toEqual([...page.changes.map((c) => c.seq)].sort((a, b) => a - b));
    expect(page.changes.some((c) => c.type === 'AuditEvent')).toBe(false);
    // Caught up: the page says the client is at the latest it will ever be sent (audit events are not in the feed).
    const last = (await call('GET', `/sync/changes?after=0&limit=2000`)).json() as {
      more: boolean;
      next: number;
      latest: number;
    };
    expect(last).toMatchObject({ more: false, latest: last.next });
  });
});
