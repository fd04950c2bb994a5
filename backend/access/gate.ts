import type { Consent, Observation, Patient, Resource, Task } from '@medplum/fhirtypes';
import {
  type AccessScope,
  type ContactRoute,
  contactRoute,
  contactVisible,
  isTeamLead,
  mayReadRegister,
  registerOf,
  residentAccess,
  seesPatientData,
} from '../../shared/access/care-access';
import { canRead } from '../../shared/fhir/access-policy';
import { citizenDataConsent, isCitizenGenerated } from '../../shared/fhir/citizen-data-consent';
import { isResourceType, patientDataTypes } from '../../shared/fhir/resource-types';
import { openStatuses } from '../../shared/queue/task-conventions';
import type { Queryable } from '../db/db';
import { patientOf, type Stored } from '../fhir/store';
import { contactRoutes } from './contact-routes';
import { type Caller, loadScope } from './scope';

export const triageTag = { system: 'urn:kaari:view', code: 'triage' } as const;

/** The minimum to triage a contact: name, age, gender, language. No identifier, address or phone. */
function triageView(patient: Patient): Patient {
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { ...patient.meta, tag: [...(patient.meta?.tag ?? []), { ...triageTag }] },
    name: patient.name,
    birthDate: patient.birthDate,
    gender: patient.gender,
    communication: patient.communication,
  };
}

const isPatientData = (type: string) => (patientDataTypes as readonly string[]).includes(type);

/**
 * The access rule applied to stored resources for one request: what the caller may see of each,
 * whole, narrowed (a resident in her queue only) or not at all. Batches the two lookups a list
 * needs (the open contacts of the residents in it; their consent decisions) into one query each.
 */
export class Gate {
  private constructor(
    readonly scope: AccessScope,
    private readonly q: Queryable,
    readonly caller: Caller,
  ) {}

  static async open(q: Queryable, caller: Caller): Promise<Gate> {
    return new Gate(await loadScope(q, caller), q, caller);
  }

  /**
   * The same rule reading through another connection: inside a write transaction the lookups
   * must use that transaction (PGlite has one connection; a query outside would wait for it forever).
   */
  within(q: Queryable): Gate {
    return new Gate(this.scope, q, this.caller);
  }

  get viewer() {
    return this.scope.viewer;
  }

  /** A relationship begun in this request (she registered the resident). */
  noteRelationship(patientId: string): void {
    (this.scope.relationships as Set<string>).add(patientId);
  }

  /** Residents whose data she may see whole now (relationships, stated reasons); null for a team lead: everyone. */
  fullAccessResidents(): string[] | null {
    if (isTeamLead(this.viewer)) return null;
    if (!seesPatientData(this.viewer)) return [];
    return [...new Set([...this.scope.relationships, ...this.scope.grants])];
  }

  /** Each stored resource as the caller may see it, in order; what she may not see is left out. */
  async filter(stored: readonly Stored[]): Promise<Stored[]> {
    const patients = new Set<string>();
    const consentNeeded = new Set<string>();
    for (const s of stored) {
      if (s.deleted) continue;
      const pid = patientOf(s.resource);
      if (s.resource.resourceType === 'Patient' && pid) patients.add(pid);
      if (s.resource.resourceType === 'Observation' && pid && isCitizenGenerated(s.resource as Observation))
        consentNeeded.add(pid);
    }
    const queued = await this.residentsInVisibleQueue(
      [...patients].filter((p) => residentAccess(p, this.scope, false) !== 'full'),
    );
    const consent = await this.consentGiven([...consentNeeded]);
    const routes = await contactRoutes(
      this.q,
      stored.filter((s) => !s.deleted && s.resource.resourceType === 'Task').map((s) => s.resource as Task),
    );
    const out: Stored[] = [];
    for (const s of stored) {
      const seen = this.view(s, queued, consent, routes);
      if (seen) out.push(seen);
    }
    return out;
  }

  private view(
    s: Stored,
    queued: ReadonlySet<string>,
    consent: ReadonlySet<string>,
    routes: ReadonlyMap<Task, ContactRoute>,
  ): Stored | null {
    const type = s.resource.resourceType;
    if (!isResourceType(type) || !canRead(this.viewer.roles, type)) return null;
    // A deletion says no more than that an id is gone, for types she may read.
    if (s.deleted) return s;
    if (!isPatientData(type)) return s;
    if (!seesPatientData(this.viewer)) return null;
    const pid = patientOf(s.resource);
    if (type === 'Task')
      return contactVisible(routes.get(s.resource as Task) ?? contactRoute(s.resource as Task), this.scope) ? s : null;
    // Bytes with no resident named (the demo's shared synthetic pictures) say nothing of anyone without their Media.
    if (!pid) return isTeamLead(this.viewer) || type === 'Binary' ? s : null;
    const access = residentAccess(pid, this.scope, queued.has(pid));
    if (type === 'Patient') {
      if (access === 'full') return s;
      return access === 'triage' ? { ...s, resource: triageView(s.resource as Patient) } : null;
    }
    if (access !== 'full') return null;
    if (!mayReadRegister(this.viewer, registerOf(s.resource))) return null;
    // Withdrawn consent is enforced here, not only in the workstation's UI.
    if (type === 'Observation' && isCitizenGenerated(s.resource as Observation) && !consent.has(pid)) return null;
    return s;
  }

  /** Residents with an open contact the caller may see (so she may see their name, age and language). */
  private async residentsInVisibleQueue(patientIds: readonly string[]): Promise<Set<string>> {
    if (patientIds.length === 0 || !seesPatientData(this.viewer)) return new Set();
    const rows = await this.q.query<{ body: Task }>(
      "SELECT body FROM resource_current WHERE type = 'Task' AND NOT deleted AND patient_id = ANY($1) AND body->>'status' = ANY($2)",
      [patientIds, openStatuses],
    );
    const routes = await contactRoutes(
      this.q,
      rows.map((r) => r.body),
    );
    return new Set(
      rows
        .filter((r) => contactVisible(routes.get(r.body) ?? contactRoute(r.body), this.scope))
        .map((r) => patientOf(r.body) ?? ''),
    );
  }

  private async consentGiven(patientIds: readonly string[]): Promise<Set<string>> {
    if (patientIds.length === 0) return new Set();
    const rows = await this.q.query<{ patient_id: string; body: Consent }>(
      "SELECT patient_id, body FROM resource_current WHERE type = 'Consent' AND NOT deleted AND patient_id = ANY($1)",
      [patientIds],
    );
    const byPatient = new Map<string, Consent[]>();
    for (const r of rows) byPatient.set(r.patient_id, [...(byPatient.get(r.patient_id) ?? []), r.body]);
    return new Set(patientIds.filter((p) => citizenDataConsent(byPatient.get(p) ?? []) === 'given'));
  }

  /** For audit: the resident each seen resource is about. */
  static readItems(stored: readonly Stored[]): { reference: string; patientId: string | null }[] {
    return stored
      .filter((s) => isPatientData(s.resource.resourceType))
      .map((s) => ({
        reference: `${s.resource.resourceType}/${s.resource.id}`,
        patientId: patientOf(s.resource as Resource),
      }));
  }
}
