import { randomUUID } from 'node:crypto';
import type { Appointment, AppointmentParticipant, AuditEvent, Task } from '@medplum/fhirtypes';
import type { VideoVisit } from '../../shared/protocol/video';
import { appendAuditEvents } from '../audit/chain';
import type { Queryable } from '../db/db';
import { FhirError } from '../fhir/fhir-error';
import type { ResourceStore } from '../fhir/store';

/**
 * A video visit is a FHIR Appointment: ad hoc from a queue contact (supportingInformation names
 * the Task), booked while open and fulfilled when it ends. Who was let in is kept in it
 * (participant status `accepted`), so admission survives a reload or a backend restart.
 */
export const guestSystem = 'urn:kaari:video-guest';

export const taskOf = (a: Appointment) =>
  a.supportingInformation?.find((r) => r.reference?.startsWith('Task/'))?.reference?.slice(5) ?? '';
export const patientOf = (a: Appointment) =>
  a.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference?.slice(8) ?? '';
export const professionalOf = (a: Appointment) =>
  a.participant.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor?.reference?.slice(13) ?? '';
export const isOpen = (a: Appointment) => a.status === 'booked' || a.status === 'arrived';

export const visitView = (a: Appointment): VideoVisit => ({
  appointmentId: a.id ?? '',
  taskId: taskOf(a),
  patientId: patientOf(a),
  joinPath: `/r/#video=${a.id ?? ''}`,
  start: a.start ?? '',
  status: isOpen(a) ? 'open' : 'ended',
});

/** Only the professional who holds the contact's Task; anyone else gets the same 404 as a missing one. */
export async function heldTask(store: ResourceStore, q: Queryable, staffId: string, taskId: string): Promise<Task> {
  const task = (await store.read(q, 'Task', taskId).catch(() => null))?.resource as Task | undefined;
  if (!task || task.owner?.reference !== `Practitioner/${staffId}`)
    throw new FhirError(404, 'not-found', 'No such contact held by you.');
  if (task.status === 'completed' || task.status === 'cancelled')
    throw new FhirError(409, 'closed', 'The contact is already closed.');
  return task;
}

export async function readAppointment(store: ResourceStore, q: Queryable, id: string): Promise<Appointment | null> {
  return ((await store.read(q, 'Appointment', id).catch(() => null))?.resource as Appointment | undefined) ?? null;
}

/** The open visit of a contact, so starting twice (a retry, a second click) gives the same one. */
async function openVisitOf(q: Queryable, taskId: string): Promise<Appointment | null> {
  const rows = await q.query<{ body: Appointment }>(
    "SELECT body FROM resource_current WHERE type = 'Appointment' AND NOT deleted AND body->'supportingInformation' @> $1::jsonb AND body->>'status' IN ('booked', 'arrived') LIMIT 1",
    [JSON.stringify([{ reference: `Task/${taskId}` }])],
  );
  return rows[0]?.body ?? null;
}

export function videoAudit(
  agent: string,
  action: 'C' | 'U' | 'E',
  subtype: string,
  appointment: Appointment,
): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: randomUUID(),
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110100', display: 'Application Activity' },
    subtype: [{ system: 'urn:kaari:video', code: subtype }],
    action,
    recorded: new Date().toISOString(),
    outcome: '0',
    agent: [{ who: { reference: agent }, requestor: true }],
    source: { observer: { display: 'Kaari regional backend' } },
    // The resident first: her access log and the audit chain find the event by her.
    entity: [
      { what: { reference: `Patient/${patientOf(appointment)}` } },
      { what: { reference: `Appointment/${appointment.id ?? ''}` } },
    ],
  };
}

export async function startVisit(
  store: ResourceStore,
  staffId: string,
  staffName: string,
  taskId: string,
): Promise<Appointment> {
  return store.write(async (tx) => {
    const task = await heldTask(store, tx, staffId, taskId);
    const existing = await openVisitOf(tx, taskId);
    if (existing) return existing;
    const patient = task.for?.reference;
    if (!patient?.startsWith('Patient/')) throw new FhirError(409, 'no-resident', 'The contact has no resident.');
    const now = new Date().toISOString();
    const appointment: Appointment = {
      resourceType: 'Appointment',
      status: 'booked',
      appointmentType: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0276',
            code: 'WALKIN',
            display: 'A previously unscheduled walk-in visit',
          },
        ],
      },
      description: 'Videovastaanotto',
      created: now,
      start: now,
      // A booked Appointment has both ends (FHIR invariants app-2, app-3): a walk-in visit is
      // booked for half an hour, and its end is replaced by the real one when it ends.
      end: new Date(Date.parse(now) + 30 * 60_000).toISOString(),
      supportingInformation: [{ reference: `Task/${taskId}` }],
      participant: [
        {
          actor: { reference: `Practitioner/${staffId}`, display: staffName },
          required: 'required',
          status: 'accepted',
        },
        { actor: { reference: patient }, required: 'required', status: 'needs-action' },
      ],
    };
    const stored = (await store.create(tx, appointment, randomUUID())).resource as Appointment;
    await appendAuditEvents(tx, store, [videoAudit(`Practitioner/${staffId}`, 'C', 'start', stored)]);
    return stored;
  });
}

/** Changes an open visit under the write lock, with its audit event in the same transaction. */
export async function changeVisit(
  store: ResourceStore,
  id: string,
  audit: { agent: string; action: 'C' | 'U' | 'E'; subtype: string },
  change: (a: Appointment) => Appointment | null,
): Promise<Appointment | null> {
  return store.write(async (tx) => {
    const current = await readAppointment(store, tx, id);
    if (!current || !isOpen(current)) return null;
    const next = change(current);
    if (!next) return current;
    const stored = (await store.update(tx, 'Appointment', id, next)).resource as Appointment;
    await appendAuditEvents(tx, store, [videoAudit(audit.agent, audit.action, audit.subtype, stored)]);
    return stored;
  });
}

export const withParticipantStatus = (
  a: Appointment,
  match: (p: AppointmentParticipant) => boolean,
  status: AppointmentParticipant['status'],
): Appointment | null => {
  const target = a.participant.find(match);
  if (!target || target.status === status) return null;
  return { ...a, participant: a.participant.map((p) => (p === target ? { ...p, status } : p)) };
};

export const guestParticipant = (jti: string, label: string): AppointmentParticipant => ({
  actor: { identifier: { system: guestSystem, value: jti }, display: label },
  required: 'optional',
  status: 'needs-action',
});
