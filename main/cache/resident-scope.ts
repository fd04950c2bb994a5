import type { Patient, Task } from '@medplum/fhirtypes';
import { openStatuses } from '../../shared/queue/task-conventions';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';
import { type ResourceWrite, writeResources } from './resources';

export type ScopeReason = 'relationship' | 'stated-reason';

/** The residents this laptop holds whole, and why. */
export function heldResidents(db: ReadableDb): Map<string, ScopeReason> {
  const rows = prepared(db, 'SELECT patient_id, reason FROM resident_scope').all() as {
    patient_id: string;
    reason: ScopeReason;
  }[];
  return new Map(rows.map((r) => [r.patient_id, r.reason]));
}

export const isHeld = (db: ReadableDb, patientId: string): boolean =>
  prepared(db, 'SELECT 1 FROM resident_scope WHERE patient_id = ?').get(patientId) !== undefined;

/** Residents the cache holds anything of beyond a contact and a name (what a reconcile must account for). */
export function residentsWithData(db: ReadableDb): Set<string> {
  const rows = prepared(
    db,
    "SELECT DISTINCT about FROM resource WHERE about LIKE 'Patient/%' AND type NOT IN ('Task', 'Patient') AND local = 0",
  ).all() as { about: string }[];
  return new Set(rows.map((r) => r.about.slice('Patient/'.length)));
}

export function markHeld(db: WritableDb, patientId: string, reason: ScopeReason, now = new Date()): void {
  prepared(
    db,
    'INSERT INTO resident_scope (patient_id, reason, since) VALUES (?, ?, ?) ON CONFLICT (patient_id) DO UPDATE SET reason = excluded.reason',
  ).run(patientId, reason, now.toISOString());
}

/**
 * Drops what the laptop holds of a resident it may no longer hold whole: her records, messages,
 * photos and finished contacts go; an open contact of hers that is still in the queue stays, with
 * her name, age and language only. Nothing typed here and not yet sent is touched (local rows).
 * Through the one write path, so the queue index follows. Returns how many rows went.
 */
export function dropResident(db: WritableDb, patientId: string): number {
  const rows = prepared(db, 'SELECT type, id, body FROM resource WHERE about = ? AND local = 0').all(
    `Patient/${patientId}`,
  ) as { type: string; id: string; body: string }[];
  const openTask = (r: { type: string; body: string }) =>
    r.type === 'Task' && openStatuses.includes((JSON.parse(r.body) as Task).status);
  const keepsContact = rows.some(openTask);
  const writes: ResourceWrite[] = rows
    .filter((r) => !openTask(r))
    .map((r) => ({ deleted: { type: r.type, id: r.id } }));
  const patient = prepared(
    db,
    "SELECT body, version_id, last_updated FROM resource WHERE type = 'Patient' AND id = ? AND local = 0",
  ).get(patientId) as { body: string; version_id: string; last_updated: string } | undefined;
  if (patient && !keepsContact) writes.push({ deleted: { type: 'Patient', id: patientId } });
  else if (patient) {
    const p = JSON.parse(patient.body) as Patient & { id: string };
    const triage: Patient & { id: string } = {
      resourceType: 'Patient',
      id: p.id,
      meta: p.meta,
      name: p.name,
      birthDate: p.birthDate,
      gender: p.gender,
      communication: p.communication,
    };
    writes.push({ resource: triage, versionId: patient.version_id, lastUpdated: patient.last_updated });
  }
  writeResources(db, 'server', writes, () =>
    prepared(db, 'DELETE FROM resident_scope WHERE patient_id = ?').run(patientId),
  );
  return writes.length;
}
