import { randomUUID } from 'node:crypto';
import type { Patient } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { breakGlassHours, isClinician, isTeamLead } from '../../shared/access/care-access';
import {
  BreakGlassRequest,
  type BreakGlassGrant,
  type BreakGlassList,
  breakGlassPath,
} from '../../shared/protocol/access';
import { FhirError, invalid } from '../fhir/fhir-error';
import { type StaffApi, agentOf, staffOf } from '../fhir/rest/context';

export const residentName = (p: Patient | undefined): string => {
  const n = p?.name?.[0];
  return n ? [...(n.given ?? []), n.family ?? ''].join(' ').trim() : '—';
};

/**
 * Opening a resident with a stated reason ("break the glass"): a clinician outside her care
 * relationships names the resident and why; the read is granted for this session (at most
 * breakGlassHours), logged with the reason, listed for the team lead, and shown to the resident.
 */
export function registerAccessRoutes(scope: FastifyInstance, api: StaffApi): void {
  const { store, auditLog } = api;

  scope.post(breakGlassPath, async (request) => {
    const who = staffOf(request);
    if (!isClinician(who))
      throw new FhirError(403, 'forbidden', 'Only clinicians open residents’ data with a stated reason.');
    const parsed = BreakGlassRequest.safeParse(request.body);
    if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'A resident and a reason are required.');
    const { resident, reason } = parsed.data;
    const rows = await store.db.query<{ id: string; body: Patient }>(
      `SELECT id, body FROM resource_current WHERE type = 'Patient' AND NOT deleted AND (id = $1 OR body->'identifier' @> $2::jsonb) LIMIT 2`,
      [resident, JSON.stringify([{ value: resident }])],
    );
    if (rows.length !== 1 || !rows[0]) throw new FhirError(404, 'not-found', 'No resident with that identifier.');
    const patient = rows[0];
    const id = randomUUID();
    const expires = await store.db.query<{ expires_at: Date | string }>(
      `INSERT INTO access_grant (id, staff_id, patient_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $4, now(), now() + make_interval(hours => $5)) RETURNING expires_at`,
      [id, who.sub, patient.id, reason, breakGlassHours],
    );
    await auditLog.record(
      agentOf(request),
      'break-glass',
      [{ reference: `Patient/${patient.id}`, patientId: patient.id }],
      reason,
    );
    const grant: BreakGlassGrant = {
      id,
      patientId: patient.id,
      residentName: residentName(patient.body),
      expiresAt: new Date(expires[0]?.expires_at ?? Date.now()).toISOString(),
    };
    return grant;
  });

  /** The team lead's review: every stated-reason access of the last 30 days, newest first. */
  scope.get(breakGlassPath, async (request) => {
    if (!isTeamLead(staffOf(request))) throw new FhirError(403, 'forbidden', 'Team leads review stated-reason access.');
    const rows = await store.db.query<{
      id: string;
      at: Date | string;
      reason: string;
      display_name: string | null;
      profession: string | null;
      body: Patient | null;
    }>(
      `SELECT g.id, g.granted_at AS at, g.reason, s.display_name, s.profession, p.body
       FROM access_grant g LEFT JOIN staff s ON s.id = g.staff_id
       LEFT JOIN resource_current p ON p.type = 'Patient' AND p.id = g.patient_id
       WHERE g.granted_at > now() - interval '30 days' ORDER BY g.granted_at DESC LIMIT 500`,
    );
    // The team lead sees whose data was opened: that read is audited like any other.
    await auditLog.record(
      agentOf(request),
      'search-type',
      rows
        .filter((r) => r.body?.id)
        .map((r) => ({ reference: `Patient/${r.body?.id}`, patientId: r.body?.id ?? null })),
    );
    const list: BreakGlassList = {
      entries: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        staffName: r.display_name ?? '—',
        profession: r.profession ?? '',
        residentName: residentName(r.body ?? undefined),
        reason: r.reason,
      })),
    };
    return list;
  });
}
