import type { Task } from '@medplum/fhirtypes';
import type { Queryable } from '../db/db';
import { FhirError } from './fhir-error';

/**
 * Who holds a contact is changed only by its holder or a team lead (release, transfer,
 * escalation); taking an unheld contact goes through Task/$claim. Checked inside the write
 * transaction, after the write lock, against the stored Task, so no client can skip it.
 */
export async function assertMayChangeHolder(tx: Queryable, who: { sub: string; roles: readonly string[] }, id: string, next: Task): Promise<void> {
  const rows = await tx.query<{ body: Task }>("SELECT body FROM resource_current WHERE type = 'Task' AND id = $1 AND NOT deleted", [id]);
  const current = rows[0]?.body;
  if (!current) return; // a new contact
  const before = current.owner?.reference ?? null;
  const after = next.owner?.reference ?? null;
  if (before === after) return;
  const me = `Practitioner/${who.sub}`;
  if (who.roles.includes('team_lead')) return;
  if (before === null) {
    if (after === me) return; // equivalent to a claim
    throw new FhirError(403, 'forbidden', 'A contact nobody holds is taken with Task/$claim, by the one who takes it');
  }
  if (before !== me) throw new FhirError(403, 'forbidden', 'Only the holder or a team lead can change who holds this contact');
}
