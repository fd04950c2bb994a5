import { randomUUID } from 'node:crypto';
import type { Composition, Encounter, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirValidator } from '../../backend/fhir/validator';
import { openCache } from '../../main/cache/open-cache';
import { openDraft, readDraft, sendToDraft } from '../../main/documentation/drafts';
import { claim } from '../../main/queue/claims';
import { correctDocumentation } from '../../main/documentation/documentation-service';
import { pullChanges } from '../../main/sync/pull';
import { drainOutbox } from '../../main/sync/push';
import { careGuaranteeExtension } from '../../shared/documentation/to-fhir';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { type BackendProc, startBackend } from '../support/processes';
import { contactsArrive, signedInWorkstation } from '../support/workstation';
import { testCacheKey } from '../support/cache-key';

describe('documentation: drafts survive a crash; signing sends one transaction the backend accepts', () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(() => backend.stop());

  it('a care need assessment: drafted, crash, reopened intact, blocked with reasons, signed, on the backend as valid FHIR', async () => {
    const { user, client, file, db: first } = await signedInWorkstation(backend.url, 'aino');
    let db = first;
    const taskId = randomUUID();
    const contactAt = new Date().toISOString();
    await contactsArrive(backend.url, [
      {
        ...newQueueTask({
          kind: 'self-assessment',
          urgency: 'P4',
          patientId: 'resident-00004',
          authoredOn: contactAt,
          description: 'Oirearvio',
        }),
        id: taskId,
      },
    ]);
    await pullChanges(db, client);
    await claim(client, db, taskId);

    const me = { id: user.id, name: user.displayName, profession: 'nurse' as const };
    const now = () => new Date().toISOString();
    const draft = openDraft(db, {
      kind: 'care-need-assessment',
      taskId,
      residentId: 'resident-00004',
      residentBirthDate: '1980-02-02',
      contactAt,
      author: me,
      startedAt: now(),
    });
    sendToDraft(db, draft.id, { type: 'UPDATE', patch: { reasonText: 'Kuume ja yskä', reasonCode: 'R74' }, at: now() });
    sendToDraft(db, draft.id, { type: 'NEXT' });
    sendToDraft(db, draft.id, { type: 'UPDATE', patch: { history: 'Kaksi päivää' }, at: now() });
    const before = sendToDraft(db, draft.id, { type: 'NEXT' });

    // Crash: the process dies without closing anything; the next start reads the same file.
    db = openCache(file, { key: testCacheKey() }).db;
    const reopened = readDraft(db, draft.id);
    expect(reopened).toEqual(before);
    expect(reopened).toMatchObject({ step: 'currentState', fields: { reasonCode: 'R74', history: 'Kaksi päivää' } });
    expect(
      openDraft(db, {
        kind: 'care-need-assessment',
        taskId,
        residentId: 'resident-00004',
        residentBirthDate: null,
        contactAt,
        author: me,
        startedAt: now(),
      }).id,
    ).toBe(draft.id);

    // Signing too early is refused, naming what is missing; nothing is queued.
    sendToDraft(db, draft.id, { type: 'GOTO', step: 'review' });
    const refused = sendToDraft(db, draft.id, { type: 'SIGN', at: now(), by: me });
    expect(refused.state).toBe('draft');
    expect(refused.blockedBy.map((b) => b.field)).toEqual(
      expect.arrayContaining(['currentState', 'urgency', 'planKind', 'followUp']),
    );
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });

    sendToDraft(db, draft.id, {
      type: 'UPDATE',
      patch: {
        currentState: 'Hengittää vaivatta',
        urgency: 'P5',
        assessmentText: 'Ei kiireellinen',
        planKind: 'appointment',
        planWithinDays: 5,
        careGivenInSameContact: false,
        planText: 'Vastaanotto',
        followUp: 'Soittaa jos pahenee',
        contactMode: 'chat',
      },
      at: now(),
    });
    const signed = sendToDraft(db, draft.id, { type: 'SIGN', at: now(), by: me });
    expect(signed.state).toBe('signed');
    expect(signed.record).toMatchObject({
      thlContactType: 'R52',
      urgency: 'P5',
      reasonCode: 'R74',
      professionalGroup: 'nurse',
      careGivenInSameContact: false,
    });
    expect(() => sendToDraft(db, draft.id, { type: 'UPDATE', patch: { planText: 'x' }, at: now() })).toThrow(/signed/);
    expect(db.prepare("SELECT resource_type AS t FROM outbox WHERE state = 'pending'").all()).toEqual([
      { t: 'Bundle' },
    ]);

    // One transaction: the record, its reason, and the contact completed, all or nothing.
    expect(await drainOutbox(db, client)).toEqual({ pushed: 1, conflicts: 0 });
    // The demo county's own Compositions are in the cache too: find ours by its Encounter.
    const encounterId = (
      db
        .prepare(
          "SELECT id FROM resource WHERE type = 'Encounter' AND json_extract(body, '$.subject.reference') = 'Patient/resident-00004'",
        )
        .get() as { id: string }
    ).id;
    const compositionId = (
      db
        .prepare(
          "SELECT id FROM resource WHERE type = 'Composition' AND json_extract(body, '$.encounter.reference') = ?",
        )
        .get(`Encounter/${encounterId}`) as { id: string }
    ).id;
    const encounter = (await client.read('Encounter', encounterId)) as Encounter;
    const composition = (await client.read('Composition', compositionId)) as Composition;
    const validator = fhirValidator();
    expect(validator.isValid(encounter).errors).toEqual([]);
    expect(validator.isValid(composition).errors).toEqual([]);
    const record = Object.fromEntries(
      (encounter.extension?.find((e) => e.url === careGuaranteeExtension)?.extension ?? []).map((e) => [
        e.url,
        Object.values(e).find((v) => v !== e.url),
      ]),
    );
    // The care-guarantee record travels as computed from the draft (THL's contact type is a report field, not stored).
    const { thlContactType: _reported, ...computed } = signed.record ?? {};
    expect(record).toEqual(computed);
    expect(record).toMatchObject({
      professionalGroup: 'nurse',
      urgency: 'P5',
      contactMode: 'chat',
      serviceType: 'T11',
      reasonCode: 'R74',
      careGivenInSameContact: false,
      ruleVersion: 'hcl-2025-01',
    });
    // Assessed after the contact came in; the planned appointment within the 5 days the nurse chose.
    expect(Date.parse(String(record.assessedAt))).toBeGreaterThanOrEqual(Date.parse(String(record.contactAt)));
    expect(Date.parse(String(record.nextStepDeadline)) - Date.parse(String(record.assessedAt))).toBe(
      5 * 24 * 60 * 60 * 1000,
    );
    expect(composition.section?.map((s) => s.title)).toEqual([
      'Tulosyy',
      'Esitiedot',
      'Nykytila',
      'Hoidon tarpeen arvio',
      'Suunnitelma',
      'Jatkohoito',
    ]);
    const completedTask = (await client.read('Task', taskId)) as Task;
    expect(completedTask.status).toBe('completed');

    // A correction: a new draft from the signed one, at review, with its reason; the signed one stays signed.
    const correction = correctDocumentation(db, user, draft.id, 'Väärä jatkohoito-ohje');
    expect(correction).toMatchObject({
      state: 'draft',
      step: 'review',
      correction: { of: draft.id, reason: 'Väärä jatkohoito-ohje' },
      assessedAt: signed.assessedAt,
      fields: { planText: 'Vastaanotto' },
    });
    expect(correctDocumentation(db, user, draft.id, 'toinen').id).toBe(correction.id);
    expect(readDraft(db, draft.id).state).toBe('signed');
    sendToDraft(db, correction.id, {
      type: 'UPDATE',
      patch: { followUp: 'Soittaa heti, jos hengenahdistusta' },
      at: now(),
    });
    expect(sendToDraft(db, correction.id, { type: 'SIGN', at: now(), by: me }).state).toBe('signed');
    expect(await drainOutbox(db, client)).toEqual({ pushed: 1, conflicts: 0 });
    // New versions of the same record, marked amended with the reason; the contact is not touched.
    const amended = (await client.read('Composition', compositionId)) as Composition;
    expect(amended).toMatchObject({ status: 'amended', meta: { versionId: '2' } });
    expect(amended.extension).toContainEqual({
      url: 'urn:kaari:fhir:correction-reason',
      valueString: 'Väärä jatkohoito-ohje',
    });
    expect(amended.section?.find((x) => x.title === 'Jatkohoito')?.text?.div).toContain('Soittaa heti');
    expect(validator.isValid(amended).errors).toEqual([]);
    expect(((await client.read('Encounter', encounterId)) as Encounter).meta?.versionId).toBe('2');
    expect(((await client.read('Task', taskId)) as Task).meta?.versionId).toBe(completedTask.meta?.versionId);
    expect(((await client.read('Composition', compositionId)) as Composition).meta?.versionId).toBe('2');
  }, 60_000);
});
