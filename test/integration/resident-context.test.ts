import { createBackendClient } from '../../main/backend-client/backend-client';
import { randomUUID } from 'node:crypto';
import type { AuditEvent, Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingAccess } from '../../main/cache/access-log';
import { residentContext } from '../../main/resident/resident-context';
import { pullChanges } from '../../main/sync/pull';
import { uploadAccessLog } from '../../main/sync/upload-access';
import { citizenDataConsentResource } from '../../shared/fhir/citizen-data-consent';
import { bloodPressureObservation } from '../../shared/fhir/measurements';
import { questionnaireUrl } from '../../shared/fhir/self-assessment';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { type BackendProc, startBackend } from '../support/processes';
import { signedInWorkstation } from '../support/workstation';

describe('resident context beside an opened contact', () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(() => backend.stop());

  const signedIn = (username: string) => signedInWorkstation(backend.url, username);
  const put = (client: Awaited<ReturnType<typeof signedIn>>['client'], resources: Resource[]) =>
    client.transaction({ resourceType: 'Bundle', type: 'transaction', entry: resources.map((r) => ({ resource: r, request: { method: 'PUT' as const, url: `${r.resourceType}/${r.id}` } })) } as Bundle, randomUUID());

  it('lists self-assessments, photos, documentation, and measurements only while consent stands', async () => {
    const aino = await signedIn('aino');
    const resident = 'resident-00007';
    const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
    await put(aino.client, [
      { resourceType: 'QuestionnaireResponse', id: randomUUID(), status: 'completed', questionnaire: questionnaireUrl('respiratory-infection'), subject: { reference: `Patient/${resident}` }, authored: at(8), item: [{ linkId: 'fever', text: 'Kuume (°C)', answer: [{ valueString: '38,4' }] }] },
      { resourceType: 'Media', id: randomUUID(), status: 'completed', subject: { reference: `Patient/${resident}` }, createdDateTime: at(9), content: { contentType: 'image/jpeg', title: 'Ihottuma' } },
      { ...bloodPressureObservation(resident, at(10), 152, 96), id: randomUUID() },
      { ...citizenDataConsentResource(resident, 'permit', at(6)), id: randomUUID() },
      { ...citizenDataConsentResource(resident, 'deny', at(7)), id: randomUUID() },
      { resourceType: 'Composition', id: randomUUID(), status: 'final', type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] }, subject: { reference: `Patient/${resident}` }, date: at(11), author: [{ reference: 'Practitioner/staff-nurse-aino', display: 'Aino Virtanen' }], title: 'Hoidon tarpeen arviointi' },
      { ...newQueueTask({ kind: 'measurement', urgency: 'P5', patientId: resident, authoredOn: at(10), description: 'Verenpaineet' }), id: randomUUID() },
    ]);
    await pullChanges(aino.db, aino.client);

    const withdrawn = residentContext(aino.db, resident);
    expect(withdrawn.selfAssessments).toEqual([expect.objectContaining({ questionnaire: 'respiratory-infection', summary: 'Kuume (°C): 38,4' })]);
    expect(withdrawn.photos.map((p) => p.title)).toEqual(['Ihottuma']);
    expect(withdrawn.documents).toEqual([expect.objectContaining({ title: 'Hoidon tarpeen arviointi', author: 'Aino Virtanen' })]);
    expect(withdrawn.contacts.some((c) => c.reason === 'Verenpaineet')).toBe(true);
    expect(withdrawn.measurements).toEqual({ consent: 'withdrawn', items: [], withheld: 1 });

    await put(aino.client, [{ ...citizenDataConsentResource(resident, 'permit', at(12)), id: randomUUID() }]);
    await pullChanges(aino.db, aino.client);
    const given = residentContext(aino.db, resident);
    expect(given.measurements).toMatchObject({ consent: 'given', withheld: 0, items: [{ kind: 'blood-pressure', value: '152/96 mmHg' }] });
  });

  it('every context read is logged locally, survives offline, and reaches the backend once as an AuditEvent of the reader', async () => {
    const aino = await signedIn('aino');
    await pullChanges(aino.db, aino.client);
    residentContext(aino.db, 'resident-00003');
    const [entry] = pendingAccess(aino.db);
    expect(entry).toMatchObject({ action: 'resident-context', references: expect.arrayContaining(['Patient/resident-00003']) });

    const offline = createBackendClient('http://127.0.0.1:9').signedIn({ accessToken: () => 'x', refresh: () => Promise.resolve() });
    await expect(uploadAccessLog(aino.db, offline)).rejects.toThrow();
    expect(pendingAccess(aino.db)).toHaveLength(1);

    expect(await uploadAccessLog(aino.db, aino.client)).toBe(1);
    expect(pendingAccess(aino.db)).toHaveLength(0);
    // A retry (say the answer was lost) records nothing twice.
    expect(await aino.client.uploadAccess({ entries: [entry!] })).toEqual({ recorded: 0, alreadyRecorded: 1 });

    const lead = await signedIn('leena');
    const event = (await lead.client.read('AuditEvent', entry!.id)) as AuditEvent;
    expect(event.agent[0]?.who?.reference).toBe('Practitioner/staff-nurse-aino');
    expect(event.entity?.map((e) => e.what?.reference)).toContain('Patient/resident-00003');
    expect(event.recorded).toBe(entry!.at);
  });

  it('an upload naming someone else as the reader, or malformed, is refused and records nothing', async () => {
    const aino = await signedIn('aino');
    const forged = { entries: [{ id: randomUUID(), at: new Date().toISOString(), action: 'x', references: ['Patient/resident-00001'], agent: 'staff-nurse-bjorn' }] };
    await expect(aino.client.uploadAccess(forged as never)).rejects.toMatchObject({ status: 400 });
    await expect(aino.client.uploadAccess({ entries: [{ id: 'not-a-uuid', at: 'yesterday', action: 'x', references: ['../../etc'] }] })).rejects.toMatchObject({ status: 400 });
    const lead = await signedIn('leena');
    expect(await lead.client.read('AuditEvent', forged.entries[0]!.id)).toBeNull();
  });
});
