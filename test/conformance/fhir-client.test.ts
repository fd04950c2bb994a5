import { randomUUID } from 'node:crypto';
import type { Bundle, CapabilityStatement, Patient, Resource, Task } from '@medplum/fhirtypes';
import type { Client, FhirResource } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases';
import { type ConformanceBackend, nextPage, startConformanceBackend, statusOf } from './conformance-backend';

const asBundle = (r: FhirResource) => r as unknown as Bundle;
const linkOf = (bundle: Bundle, relation: string) => bundle.link?.find((l) => l.relation === relation)?.url;

/**
 * The backend as an outside integrator meets it: fhir-kit-client (a widely used third-party FHIR
 * client), configured with nothing but the base URL and a token, over real HTTP.
 */
describe.each(testDatabases)('FHIR R4 conformance with fhir-kit-client on $name', (database) => {
  let backend: ConformanceBackend;
  let nurse: Client;
  let lead: Client;
  const system = `urn:kaari:conformance:${randomUUID()}`;
  const created: string[] = [];

  beforeAll(async () => {
    backend = await startConformanceBackend(database);
    nurse = await backend.client('aino');
    lead = await backend.client('leena');
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
  });

  it('publishes what it does: transaction, batch and system history, under its own absolute base', async () => {
    const statement = (await nurse.capabilityStatement()) as unknown as CapabilityStatement;
    expect(statement.implementation?.url).toBe(backend.base);
    expect(statement.rest?.[0]?.interaction?.map((i) => i.code).sort()).toEqual([
      'batch',
      'history-system',
      'transaction',
    ]);
  });

  it('takes a transaction at [base]/ and answers with absolute fullUrls and locations', async () => {
    const entry = Array.from({ length: 200 }, (_unused, i) => ({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: {
        resourceType: 'Patient',
        name: [{ family: `Konformi${i}`, given: ['Testi'] }],
        identifier: [{ system, value: `p-${String(i).padStart(3, '0')}` }],
      } as Patient,
      request: { method: 'POST' as const, url: 'Patient' },
    }));
    const response = asBundle(
      await nurse.transaction({ body: { resourceType: 'Bundle', type: 'transaction', entry } }),
    );
    expect(response.type).toBe('transaction-response');
    expect(response.entry).toHaveLength(200);
    for (const e of response.entry ?? []) {
      expect(e.response?.status).toBe('201 Created');
      expect(e.fullUrl).toBe(`${backend.base}/Patient/${e.resource?.id}`);
      expect(e.response?.location).toBe(`${backend.base}/Patient/${e.resource?.id}/_history/1`);
      created.push(e.resource?.id ?? '');
    }
  });

  it('pages a 200-item search to the end by its next links: every entry once, none missing, next never self', async () => {
    const seen: string[] = [];
    let page = asBundle(
      await nurse.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|`, _count: 17 } }),
    );
    for (let pages = 1; ; pages++) {
      expect(pages).toBeLessThan(20);
      seen.push(...(page.entry ?? []).map((e) => e.resource?.id ?? ''));
      for (const e of page.entry ?? []) expect(e.fullUrl).toBe(`${backend.base}/Patient/${e.resource?.id}`);
      const next = linkOf(page, 'next');
      if (!next) break;
      expect(next).not.toBe(linkOf(page, 'self'));
      expect(next.startsWith(`${backend.base}/Patient?`)).toBe(true);
      page = await nextPage(nurse, page);
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen)).toEqual(new Set(created));
  });

  it('_count=0 answers the total without entries; a negative _count or an out-of-range _offset is 400', async () => {
    const counted = asBundle(
      await nurse.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|`, _count: 0 } }),
    );
    expect(counted.total).toBe(200);
    expect(counted.entry ?? []).toEqual([]);
    expect(linkOf(counted, 'next')).toBeUndefined();
    expect(await statusOf(nurse.search({ resourceType: 'Patient', searchParams: { _count: -5 } }))).toBe(400);
    expect(await statusOf(nurse.search({ resourceType: 'Patient', searchParams: { _offset: 1_000_001 } }))).toBe(400);
    const capped = asBundle(
      await nurse.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|`, _count: 5000 } }),
    );
    expect(capped.entry).toHaveLength(200);
  });

  it('answers system history, paged by next links with no version twice, and only what the caller may see', async () => {
    const first = asBundle(await lead.systemHistory());
    expect(first.type).toBe('history');
    expect(first.entry?.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    let page = asBundle(await lead.request('_history?_count=40'));
    for (let i = 0; i < 3; i++) {
      for (const e of page.entry ?? []) {
        const key = `${e.fullUrl}@${e.response?.etag}`;
        expect(ids.has(key)).toBe(false);
        ids.add(key);
        expect(e.fullUrl?.startsWith(`${backend.base}/`)).toBe(true);
      }
      const next = linkOf(page, 'next');
      expect(next).toBeDefined();
      page = await nextPage(lead, page);
    }
    expect(ids.size).toBeGreaterThan(40);
    // The administrator reads no patient data: her system history holds none of it.
    const admin = await backend.client('antti');
    const adminTypes = new Set(
      (asBundle(await admin.request('_history?_count=200')).entry ?? []).map(
        (e) => e.fullUrl?.slice(backend.base.length + 1).split('/')[0],
      ),
    );
    expect(
      [...adminTypes].filter(
        (t) => !['Practitioner', 'PractitionerRole', 'Organization', 'Basic', 'AuditEvent'].includes(t ?? ''),
      ),
    ).toEqual([]);
  });

  it('conditional create on identifier=system|value is idempotent, alone and in a transaction', async () => {
    const value = randomUUID();
    const body = { resourceType: 'Patient', name: [{ family: 'Ehdollinen' }], identifier: [{ system, value }] };
    const headers = { 'If-None-Exist': `identifier=${system}|${value}` };
    const one = (await nurse.create({ resourceType: 'Patient', body, options: { headers } })) as unknown as Patient;
    const two = (await nurse.create({ resourceType: 'Patient', body, options: { headers } })) as unknown as Patient;
    expect(two.id).toBe(one.id);
    const tx = asBundle(
      await nurse.transaction({
        body: {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              resource: body,
              request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${system}|${value}` },
            },
          ],
        },
      }),
    );
    expect(tx.entry?.[0]?.response?.status).toBe('200 OK');
    expect(tx.entry?.[0]?.resource?.id).toBe(one.id);
    const found = asBundle(
      await nurse.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|${value}` } }),
    );
    expect(found.entry?.map((e) => e.resource?.id)).toEqual([one.id]);
  });

  // The team lead: a nurse who registered a resident keeps no relationship with her beyond that request (docs/SECURITY.md).
  it('conditional update on identifier=system|value creates once, then updates the same resource', async () => {
    const value = randomUUID();
    const body = (family: string) => ({ resourceType: 'Patient', name: [{ family }], identifier: [{ system, value }] });
    const searchParams = { identifier: `${system}|${value}` };
    const first = (await lead.update({
      resourceType: 'Patient',
      searchParams,
      body: body('Ensin'),
    })) as unknown as Patient;
    const again = (await lead.update({
      resourceType: 'Patient',
      searchParams,
      body: body('Sitten'),
    })) as unknown as Patient;
    expect(again.id).toBe(first.id);
    expect(again.meta?.versionId).toBe('2');
    const found = asBundle(await lead.search({ resourceType: 'Patient', searchParams }));
    expect(found.entry?.map((e) => (e.resource as Patient).name?.[0]?.family)).toEqual(['Sitten']);
  });

  it('a batch at [base]/ applies each entry on its own: a bad one is answered with its outcome, the good ones stand', async () => {
    const value = randomUUID();
    const response = asBundle(
      await nurse.batch({
        body: {
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            {
              resource: { resourceType: 'Patient', identifier: [{ system, value }] },
              request: { method: 'POST', url: 'Patient' },
            },
            { resource: { resourceType: 'Patient', gender: 'robot' }, request: { method: 'POST', url: 'Patient' } },
            // Reads in a batch see its writes, each through the same access rule as alone.
            { request: { method: 'GET', url: `Patient?identifier=${encodeURIComponent(`${system}|${value}`)}` } },
            { request: { method: 'GET', url: `${backend.base}/Patient/no-such-resident` } },
            { request: { method: 'GET', url: '../auth/login' } },
          ],
        },
      }),
    );
    expect(response.type).toBe('batch-response');
    expect(response.entry?.map((e) => e.response?.status)).toEqual([
      '201 Created',
      '400 Bad Request',
      '200',
      '404',
      '400',
    ]);
    expect(response.entry?.[1]?.response?.outcome?.resourceType).toBe('OperationOutcome');
    const found = response.entry?.[2]?.resource as Bundle | undefined;
    expect(found?.entry?.map((e) => (e.resource as Patient).identifier?.[0]?.value)).toEqual([value]);
    expect(response.entry?.[3]?.response?.outcome?.resourceType).toBe('OperationOutcome');
    expect(
      asBundle(await nurse.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|${value}` } }))
        .entry,
    ).toHaveLength(1);
  });

  it('refuses structurally invalid writes with 400 and stores nothing', async () => {
    const before = asBundle(await lead.search({ resourceType: 'Task', searchParams: { _count: 0 } })).total;
    const patientId = created[0] ?? '';
    const bad: Resource[] = [
      {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        for: { reference: `Patient/${patientId}` },
        owner: 42,
      } as unknown as Task,
      { resourceType: 'Task', status: 'requested', intent: 'order', for: 'Patient/x' } as unknown as Task,
    ];
    for (const body of bad)
      expect(await statusOf(nurse.create({ resourceType: 'Task', body: body as unknown as FhirResource }))).toBe(400);
    expect(
      await statusOf(
        nurse.transaction({
          body: {
            resourceType: 'Bundle',
            type: 'transaction',
            entry: bad.map((resource) => ({ resource, request: { method: 'POST', url: 'Task' } })),
          },
        }),
      ),
    ).toBe(400);
    expect(asBundle(await lead.search({ resourceType: 'Task', searchParams: { _count: 0 } })).total).toBe(before);
  });

  it('deleting what is already deleted succeeds (FHIR), and the resource stays gone', async () => {
    const role = (await lead.create({
      resourceType: 'Basic',
      body: { resourceType: 'Basic', code: { text: 'poistettava' } },
    })) as unknown as Resource;
    await lead.delete({ resourceType: 'Basic', id: role.id ?? '' });
    expect(await statusOf(lead.delete({ resourceType: 'Basic', id: role.id ?? '' }))).toBe(200);
    expect(await statusOf(lead.read({ resourceType: 'Basic', id: role.id ?? '' }))).toBe(410);
  });

  it('ignores an unknown search parameter by default and leaves it out of the self link; refuses it when asked to be strict', async () => {
    const lenient = asBundle(
      await nurse.search({ resourceType: 'Patient', searchParams: { identifier: `${system}|p-001`, nonsense: 'x' } }),
    );
    expect(lenient.entry).toHaveLength(1);
    expect(linkOf(lenient, 'self')).not.toContain('nonsense');
    const strict = nurse.search({
      resourceType: 'Patient',
      searchParams: { identifier: `${system}|p-001`, nonsense: 'x' },
      options: { headers: { Prefer: 'handling=strict' } },
    });
    expect(await statusOf(strict)).toBe(400);
  });
});
