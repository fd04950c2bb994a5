import type { Appointment, Encounter } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { DraftContext } from './draft';
import { signedRecordEntries } from './to-fhir';

const nurse = { id: 'staff-nurse-aino', name: 'Aino Virtanen', profession: 'nurse' as const };
const ctx: DraftContext = {
  kind: 'video-visit',
  taskId: 't1',
  residentId: 'r1',
  residentBirthDate: '1980-03-01',
  contactAt: '2026-12-01T08:00:00.000Z',
  author: nurse,
  startedAt: '2026-12-01T08:00:00.000Z',
  fields: {
    reasonText: 'Ihottuma',
    reasonCode: 'S06',
    history: 'Viikon ajan',
    currentState: 'Punoittava läikkä kyynärvarressa',
    urgency: 'P5',
    assessmentText: 'Ei kiireellinen',
    planKind: 'self-care',
    careGivenInSameContact: true,
    planText: 'Perusvoide',
    followUp: 'Ottaa yhteyttä jos pahenee',
    contactMode: 'video',
    serviceType: 'T11',
  },
  assessedAt: '2026-12-01T08:10:00.000Z',
  history: [],
  cosign: null,
  signed: { at: '2026-12-01T08:40:00.000Z', by: nurse },
  blockedBy: [],
};
const visit: Appointment = {
  resourceType: 'Appointment',
  id: 'appt-1',
  status: 'fulfilled',
  start: '2026-12-01T08:05:00.000Z',
  end: '2026-12-01T08:25:00.000Z',
  participant: [
    { actor: { reference: 'Practitioner/staff-nurse-aino' }, status: 'accepted' },
    { actor: { reference: 'Patient/r1' }, status: 'accepted' },
    {
      actor: { identifier: { system: 'urn:kaari:video-guest', value: 'j1' }, display: 'Kutsuttu osallistuja' },
      status: 'accepted',
    },
    {
      actor: { identifier: { system: 'urn:kaari:video-guest', value: 'j2' }, display: 'Kutsuttu osallistuja' },
      status: 'needs-action',
    },
  ],
};
const encounterOf = (a?: Appointment) =>
  signedRecordEntries(
    ctx,
    { encounter: 'e', composition: 'c', condition: 'd', observation: 'o', carePlan: 'p' },
    { resourceType: 'Task', id: 't1', status: 'in-progress', intent: 'order' },
    a,
  ).find((e) => e.resource?.resourceType === 'Encounter')?.resource as Encounter;

describe('the record of a video visit', () => {
  it('is a real-time remote contact (R52) whose time is the call, with its appointment and the guests who were let in', () => {
    const encounter = encounterOf(visit);
    expect(encounter.type?.[0]?.coding?.[0]?.code).toBe('R52');
    expect(encounter.period).toEqual({ start: '2026-12-01T08:05:00.000Z', end: '2026-12-01T08:25:00.000Z' });
    expect(encounter.appointment).toEqual([{ reference: 'Appointment/appt-1' }]);
    expect(encounter.participant?.map((p) => p.individual?.reference ?? p.individual?.display)).toEqual([
      'Practitioner/staff-nurse-aino',
      'Kutsuttu osallistuja',
    ]);
  });

  it('without a call (video failed, continued in chat) keeps the contact and signing times', () => {
    const encounter = encounterOf(undefined);
    expect(encounter.period).toEqual({ start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T08:40:00.000Z' });
    expect(encounter.appointment).toBeUndefined();
  });
});
