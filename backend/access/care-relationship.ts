import type { Task } from '@medplum/fhirtypes';
import { residentAccess, seesPatientData } from '../../shared/access/care-access';
import type { Queryable } from '../db/db';
import { FhirError } from '../fhir/fhir-error';
import { type Caller, loadScope } from './scope';

const practitionerId = (ref: string | undefined): string | null =>
  ref?.startsWith('Practitioner/') ? ref.slice('Practitioner/'.length) : null;

/**
 * Keeps care relationships as the store writes Tasks (the store is their only writer): whoever
 * holds a contact, and whoever just stopped holding it, has a relationship with its resident from
 * now on, for the window the organisation sets.
 */
export async function noteHolders(
  tx: Queryable,
  patientId: string | null,
  next: Task,
  previousOwner: string | null,
): Promise<void> {
  if (!patientId) return;
  const staff = [practitionerId(next.owner?.reference), practitionerId(previousOwner ?? undefined)].filter(
    (s): s is string => s !== null,
  );
  for (const staffId of new Set(staff)) {
    await tx.query(
      `INSERT INTO care_relationship (staff_id, patient_id, last_at) VALUES ($1, $2, now())
       ON CONFLICT (staff_id, patient_id) DO UPDATE SET last_at = now()`,
      [staffId, patientId],
    );
  }
}

/** The same for imported history, in one statement: the latest time per professional and resident. */
export async function noteHistoricHolders(
  tx: Queryable,
  tasks: readonly { patientId: string | null; task: Task }[],
): Promise<void> {
  const latest = new Map<string, { staffId: string; patientId: string; at: string }>();
  for (const { patientId, task } of tasks) {
    const staffId = practitionerId(task.owner?.reference);
    if (!staffId || !patientId) continue;
    const at = task.lastModified ?? task.authoredOn ?? new Date().toISOString();
    const key = `${staffId} ${patientId}`;
    const seen = latest.get(key);
    if (!seen || seen.at < at) latest.set(key, { staffId, patientId, at });
  }
  if (latest.size === 0) return;
  const rows = [...latest.values()];
  await tx.query(
    `INSERT INTO care_relationship (staff_id, patient_id, last_at) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
     ON CONFLICT (staff_id, patient_id) DO UPDATE SET last_at = GREATEST(care_relationship.last_at, EXCLUDED.last_at)`,
    [rows.map((r) => r.staffId), rows.map((r) => r.patientId), rows.map((r) => r.at)],
  );
}

/**
 * For new routes (video, photos…): refuses, with 403, a professional who may not see this
 * resident's clinical data now: no care relationship, no stated reason in force, or a role that
 * never sees patient data.
 */
export async function assertCareRelationship(q: Queryable, caller: Caller, patientId: string): Promise<void> {
  if (!seesPatientData(caller)) throw new FhirError(403, 'forbidden', 'Your role does not see residents’ data.');
  const scope = await loadScope(q, caller);
  if (residentAccess(patientId, scope, false) !== 'full') {
    throw new FhirError(
      403,
      'forbidden',
      'You have no care relationship with this resident. Open her with a stated reason first.',
    );
  }
}
