import { createBackendClient } from '../../main/backend-client/backend-client';
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingAccess } from '../../main/cache/access-log';
import { residentContext } from '../../main/resident/resident-context';
import { pullChanges } from '../../main/sync/pull';
import { uploadAccessLog } from '../../main/sync/upload-access';
import { bloodPressureObservation } from '../../shared/fhir/measurements';
import { questionnaireUrl } from '../../shared/fhir/self-assessment';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { type BackendProc, startBackend } from '../support/processes';
import { contactsArrive, signedInWorkstation } from '../support/workstation';
import { residentConsent, residentToken } from '../support/resident-session';
import { claim } from '../../main/queue/claims';
import { reconcileScope } from '../../main/sync/scope';

describe('resident context beside an opened contact', () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(() => backend.stop());

  const signedIn = (username: string) => signedInWorkstation(backend.url, username);

  it('lists self-assessments, photos, documentation, and measurements only while consent stands', async () => {
    const resident = 'resident-00007';
    const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
    const taskId = randomUUID();
    // Her consent is hers to give and withdraw, in her own client; she gives it, then withdraws it.
    const token = await residentToken(backend, 'SYN-000007');
    await residentConsent(backend, token, 'permit');
    await residentConsent(backend, token, 'deny');
    await contactsArrive(backend.url, [
      {
        resourceType: 'QuestionnaireResponse',
        id: randomUUID(),
        status: 'completed',
        questionnaire: questionnaireUrl('respiratory-infection'),
        subject: { reference: `Patient/${resident}` },
        authored: at(8),
        item: [{ linkId: 'fever', text: 'Kuume (°C)', answer: [{ valueString: '38,4' }] }],
      },
      {
        resourceType: 'Media',
        id: randomUUID(),
        status: 'completed',
        subject: { reference: `Patient/${resident}` },
        createdDateTime: at(9),
        content: { contentType: 'image/jpeg', title: 'Ihottuma' },
      },
      { ...bloodPressureObservation(resident, at(10), 152, 96), id: randomUUID() },
      {
        resourceType: 'Composition',
        id: randomUUID(),
        status: 'final',
        type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] },
        subject: { reference: `Patient/${resident}` },
        date: at(11),
        author: [{ reference: 'Practitioner/staff-lead-leena', display: 'Leena Korhonen' }],
        title: 'Hoidon tarpeen arviointi',
      },
      {
        ...newQueueTask({
          kind: 'measurement',
          urgency: 'P5',
          patientId: resident,
          authoredOn: at(10),
          description: 'Verenpaineet',
        }),
        id: taskId,
      },
    ]);
    // Her records reach the nurse once she takes the contact (a care relationship).
    const aino = await signedIn('aino');
    await pullChanges(aino.db, aino.client);
    expect(residentContext(aino.db, resident)).toMatchObject({
      inCare: false,
      selfAssessments: [],
      photos: [],
      documents: [],
    });
    await claim(aino.client, aino.db, taskId);
    const consentChanged = new Set<string>();
    await pullChanges(aino.db, aino.client, undefined, undefined, consentChanged);
    await reconcileScope(aino.db, aino.client, { fresh: false, consentChanged });

    const withdrawn = residentContext(aino.db, resident);
    expect(withdrawn.inCare).toBe(true);
    expect(withdrawn.selfAssessments).toEqual([
      expect.objectContaining({
        questionnaire: 'respiratory-infection',
        answers: [{ linkId: 'fever', text: 'Kuume (°C)', value: '38,4' }],
      }),
    ]);
    expect(withdrawn.photos.map((p) => p.title)).toEqual(['Ihottuma']);
    expect(withdrawn.documents).toEqual([
      expect.objectContaining({ title: 'Hoidon tarpeen arviointi', author: 'Leena Korhonen' }),
    ]);
    expect(withdrawn.contacts.some((c) => c.reason === 'Verenpaineet')).toBe(true);
    // Withdrawn on the backend: the measurement is not even on the laptop.
    expect(withdrawn.measurements).toEqual({ consent: 'withdrawn', items: [], withheld: 0 });
    expect(aino.db.prepare("SELECT count(*) AS n FROM resource WHERE type = 'Observation'").get()).toEqual({ n: 0 });

    await residentConsent(backend, token, 'permit');
    const changed = new Set<string>();
    await pullChanges(aino.db, aino.client, undefined, undefined, changed);
    expect([...changed]).toEqual([resident]);
    await reconcileScope(aino.db, aino.client, { fresh: false, consentChanged: changed });
    const given = residentContext(aino.db, resident);
    expect(given.measurements).toMatchObject({
      consent: 'given',
      withheld: 0,
      items: [{ kind: 'blood-pressure', value: '152/96 mmHg' }],
    });
  });

  it('every context read is logged locally, survives offline, and reaches the backend once as an AuditEvent of the reader', async () => {
    const aino = await signedIn('aino');
    await pullChanges(aino.db, aino.client);
    residentContext(aino.db, 'resident-00003');
    const [entry] = pendingAccess(aino.db);
    expect(entry).toMatchObject({
      action: 'resident-context',
      references: expect.arrayContaining(['Patient/resident-00003']),
    });

    const offline = createBackendClient('http://127.0.0.1:9').signedIn({
      accessToken: () => 'x',
      refresh: () => Promise.resolve(),
    });
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
    const forged = {
      entries: [
        {
          id: randomUUID(),
          at: new Date().toISOString(),
          action: 'x',
          references: ['Patient/resident-00001'],
          agent: 'staff-nurse-bjorn',
        },
      ],
    };
    await expect(aino.client.uploadAccess(forged as never)).rejects.toMatchObject({ status: 400 });
    await expect(
      aino.client.uploadAccess({
        entries: [{ id: 'not-a-uuid', at: 'yesterday', action: 'x', references: ['../../etc'] }],
      }),
    ).rejects.toMatchObject({ status: 400 });
    const lead = await signedIn('leena');
    expect(await lead.client.read('AuditEvent', forged.entries[0]!.id)).toBeNull();
  });
});
