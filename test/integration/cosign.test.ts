import { randomUUID } from 'node:crypto';
import type { Composition, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carrierId } from '../../main/documentation/cosign';
import { openDocumentation, stepDocumentation } from '../../main/documentation/documentation-service';
import { ensureQueueIndex } from '../../main/queue/queue-index';
import { claim } from '../../main/queue/claims';
import { queueItem } from '../../main/queue/queue-store';
import { pullChanges } from '../../main/sync/pull';
import { drainOutbox } from '../../main/sync/push';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { type BackendProc, startBackend } from '../support/processes';
import { contactsArrive, signedInWorkstation } from '../support/workstation';

describe('co-signing: a draft moves between two workstations with its history', () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(() => backend.stop());

  it('a nurse asks a doctor to co-sign; the doctor returns it with a reason; asked again, the doctor co-signs and the record is sent once', async () => {
    const nurse = await signedInWorkstation(backend.url, 'aino');
    const doctor = await signedInWorkstation(backend.url, 'eero');
    for (const w of [nurse, doctor]) ensureQueueIndex(w.db);
    const sync = async (w: typeof nurse) => {
      await drainOutbox(w.db, w.client);
      await pullChanges(w.db, w.client);
    };
    const taskId = randomUUID();
    await contactsArrive(backend.url, [
      {
        ...newQueueTask({
          kind: 'self-assessment',
          urgency: 'P4',
          patientId: 'resident-00006',
          authoredOn: new Date().toISOString(),
          description: 'Oirearvio',
        }),
        id: taskId,
      },
    ]);
    await sync(nurse);
    await claim(nurse.client, nurse.db, taskId);

    const draft = openDocumentation(nurse.db, nurse.user, taskId);
    const step = (w: typeof nurse, request: Parameters<typeof stepDocumentation>[3], id = draft.id) =>
      stepDocumentation(w.db, w.user, id, request);
    step(nurse, {
      type: 'UPDATE',
      patch: {
        reasonText: 'Kuume',
        reasonCode: 'R74',
        history: 'Kaksi päivää',
        currentState: 'Hyvä',
        urgency: 'P5',
        assessmentText: 'Ei kiireellinen',
        planKind: 'appointment',
        planWithinDays: 5,
        careGivenInSameContact: false,
        planText: 'Lääkärin vastaanotto',
        followUp: 'Soittaa jos pahenee',
      },
    });
    step(nurse, { type: 'GOTO', step: 'review' });
    const asked = step(nurse, { type: 'REQUEST_COSIGN', toStaffId: doctor.user.id, note: 'Tarvitaanko antibioottia?' });
    expect(asked.state).toBe('awaitingCosign');
    await sync(nurse);

    // The doctor's queue holds the request; opening it opens the nurse's draft, history and all.
    await sync(doctor);
    expect(queueItem(doctor.db, carrierId(draft.id))).toMatchObject({
      kind: 'consultation',
      holder: { id: doctor.user.id },
      reason: expect.stringContaining('Tarvitaanko antibioottia?'),
    });
    const atDoctor = openDocumentation(doctor.db, doctor.user, carrierId(draft.id));
    expect(atDoctor).toMatchObject({
      id: draft.id,
      taskId,
      state: 'awaitingCosign',
      fields: { planText: 'Lääkärin vastaanotto' },
      cosign: { requestedFrom: { id: doctor.user.id } },
    });
    expect(atDoctor.history.map((h) => h.action)).toEqual(['started', 'cosign-requested']);

    const returned = step(doctor, { type: 'RETURN', note: 'Lisää nykytilaan hengitystaajuus' });
    expect(returned.state).toBe('draft');
    await sync(doctor);
    expect(queueItem(doctor.db, carrierId(draft.id))?.status).toBe('cancelled');

    // Back at the nurse's workstation: the returned draft with the doctor's reason.
    await sync(nurse);
    const back = openDocumentation(nurse.db, nurse.user, taskId);
    expect(back.state).toBe('draft');
    expect(back.history.at(-1)).toMatchObject({ action: 'returned', note: 'Lisää nykytilaan hengitystaajuus' });
    step(nurse, { type: 'UPDATE', patch: { currentState: 'Hyvä, hengitystaajuus 16/min' } });
    step(nurse, { type: 'REQUEST_COSIGN', toStaffId: doctor.user.id, note: 'Lisätty' });
    await sync(nurse);

    await sync(doctor);
    const again = openDocumentation(doctor.db, doctor.user, carrierId(draft.id));
    expect(again.fields.currentState).toBe('Hyvä, hengitystaajuus 16/min');
    const signed = step(doctor, { type: 'COSIGN' });
    expect(signed.state).toBe('signed');
    expect(await drainOutbox(doctor.db, doctor.client)).toEqual({ pushed: 2, conflicts: 0 });

    const compositionId = (
      doctor.db
        .prepare("SELECT id FROM resource WHERE type = 'Composition' AND json_extract(body, '$.encounter') IS NOT NULL")
        .get() as { id: string }
    ).id;
    const composition = (await doctor.client.read('Composition', compositionId)) as Composition;
    expect(composition.attester?.[0]?.party?.reference).toBe(`Practitioner/${doctor.user.id}`);
    expect(composition.author?.[0]?.reference).toBe(`Practitioner/${nurse.user.id}`);
    expect(((await doctor.client.read('Task', taskId)) as Task).status).toBe('completed');
    expect(((await doctor.client.read('Task', carrierId(draft.id))) as Task).status).toBe('completed');

    // The nurse's copy comes back signed, and nothing is sent a second time from her side.
    await sync(nurse);
    const done = openDocumentation(nurse.db, nurse.user, taskId);
    expect(done).toMatchObject({ id: draft.id, state: 'signed', signed: { cosignedBy: { id: doctor.user.id } } });
    expect(nurse.db.prepare("SELECT count(*) AS n FROM outbox WHERE resource_type = 'Bundle'").get()).toEqual({ n: 0 });
  }, 60_000);
});
