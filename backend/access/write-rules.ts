import type { Communication, Composition, Resource, Task } from '@medplum/fhirtypes';
import {
  contactVisible,
  isClinician,
  isTeamLead,
  mayReadRegister,
  recordedBy,
  registerOf,
  registerOfWriter,
  registerSystem,
  residentAccess,
} from '../../shared/access/care-access';
import { canWrite } from '../../shared/fhir/access-policy';
import { isResourceType, patientDataTypes } from '../../shared/fhir/resource-types';
import type { Queryable } from '../db/db';
import { FhirError, invalid } from '../fhir/fhir-error';
import { patientOf } from '../fhir/store';
import { routeOf } from './contact-routes';
import type { Gate } from './gate';

/** The correction flow's reason on an amended record (main/documentation writes it). */
export const correctionReasonExtension = 'urn:kaari:fhir:correction-reason';
const signedStatuses = new Set(['final', 'amended']);
/** Parts of a signed record besides the Composition: changed only by who made them, or a doctor. */
const recordTypes = new Set([
  'Composition',
  'Encounter',
  'Condition',
  'Observation',
  'CarePlan',
  'QuestionnaireResponse',
  'Media',
  'Binary',
]);

const forbidden = (message: string) => new FhirError(403, 'forbidden', message);
const isPatientData = (type: string) => (patientDataTypes as readonly string[]).includes(type);

/** A write as the rules see it: a POST carries the id the store will give it. */
export type WriteOp =
  | { method: 'POST' | 'PUT'; type: string; id?: string; next: Resource }
  | { method: 'DELETE'; type: string; id: string };

interface Current {
  body: Resource;
  deleted: boolean;
}

async function readCurrent(tx: Queryable, type: string, id: string | undefined): Promise<Current | null> {
  if (!id) return null;
  const rows = await tx.query<{ body: Resource; deleted: boolean }>(
    'SELECT body, deleted FROM resource_current WHERE type = $1 AND id = $2',
    [type, id],
  );
  return rows[0] ?? null;
}

/**
 * Record integrity (docs/SECURITY.md), for every verb and inside transactions alike, checked under
 * the write lock against what is stored. Returns the resource to store: the backend stamps the
 * register of a new clinical record from its writer's profession; nothing else is changed.
 */
export async function checkWrite(tx: Queryable, gate: Gate, op: WriteOp): Promise<Resource | null> {
  const viewer = gate.viewer;
  const { type } = op;
  if (!isResourceType(type) || !canWrite(viewer.roles, type) || type === 'AuditEvent')
    throw forbidden(`Your role may not write ${type}`);
  if (type === 'Consent')
    throw forbidden('A resident’s consent is recorded only by the resident, in the resident client.');
  if (!isPatientData(type)) return op.method === 'DELETE' ? null : op.next;
  if (op.method === 'DELETE')
    throw new FhirError(
      405,
      'not-supported',
      'Clinical records are never deleted: correct the record, or mark it entered-in-error with a reason.',
    );

  const next = op.next;
  const current = await readCurrent(tx, type, op.id);
  if (type === 'Patient' && !current) return registerResident(tx, gate, op.id, next);
  if (current?.deleted) throw new FhirError(410, 'deleted', `${type}/${op.id} was deleted and cannot be written again`);
  const patientId = patientOf(current?.body ?? next);
  if (current && patientOf(next) !== patientId) throw forbidden('A record cannot be moved to another resident.');

  // Whom she may write about: her relationships and stated reasons; a Task also when she may see the contact.
  const access = patientId ? residentAccess(patientId, gate.scope, false) : isTeamLead(viewer) ? 'full' : 'none';
  if (type === 'Task') {
    const visible = current ? contactVisible(await routeOf(tx, current.body as Task), gate.scope) : access === 'full';
    if (!visible) throw forbidden('You may not change this contact.');
    await assertTaskChange(tx, gate, op.id ?? '', current?.body as Task | undefined, next as Task);
    return next;
  }
  if (access !== 'full') throw forbidden('You have no care relationship with this resident.');

  // Who a record names as its makers is checked when it is made or when that changes (marking a message read does not).
  if (!current || recordedBy(current.body).join() !== recordedBy(next).join()) assertOwnName(gate, next);
  if (!current) return stampRegister(next, registerOfWriter(viewer.profession));
  if (!mayReadRegister(viewer, registerOf(current.body))) throw forbidden('This record belongs to another register.');
  const stamped = { ...next, meta: { ...next.meta, tag: current.body.meta?.tag } } as Resource;
  if (type === 'Communication') {
    assertConversationKept(current.body as Communication, next as Communication, viewer.id);
    return stamped;
  }
  if (!recordTypes.has(type)) return stamped;
  const madeBy = recordedBy(current.body);
  if (!madeBy.includes(viewer.id) && !viewer.roles.includes('doctor'))
    throw forbidden('Only who made this record, or a doctor, may change it.');
  if (type === 'Composition' && signedStatuses.has((current.body as Composition).status))
    assertCorrection(next as Composition);
  return stamped;
}

/**
 * A clinician registering a resident the county does not know yet serves her: she has a care
 * relationship with her from now on (so she may read back what she wrote).
 */
async function registerResident(tx: Queryable, gate: Gate, id: string | undefined, next: Resource): Promise<Resource> {
  if (!id) throw invalid('A new resident needs an id');
  if (!isClinician(gate.viewer) && !isTeamLead(gate.viewer)) throw forbidden('Your role may not register residents.');
  await tx.query(
    `INSERT INTO care_relationship (staff_id, patient_id, last_at) VALUES ($1, $2, now()) ON CONFLICT (staff_id, patient_id) DO UPDATE SET last_at = now()`,
    [gate.viewer.id, id],
  );
  gate.noteRelationship(id);
  return next;
}

/** A signed note changes only as a correction: a new version marked amended (or entered-in-error) with its reason. */
function assertCorrection(next: Composition): void {
  const reason = next.extension?.find((e) => e.url === correctionReasonExtension)?.valueString?.trim();
  if (next.status !== 'amended' && next.status !== 'entered-in-error')
    throw forbidden('A signed record changes only by correction: status amended, with the reason.');
  if (!reason) throw forbidden('A correction needs its reason.');
}

/**
 * The author is whoever is signed in: a record may name others (the co-signing doctor names the
 * nurse who wrote the note) only when a doctor writes it, and the writer is always named.
 */
function assertOwnName(gate: Gate, next: Resource): void {
  const me = gate.viewer.id;
  const named = recordedBy(next);
  if (named.length === 0) return;
  if (!named.includes(me)) throw forbidden('A record is written in your own name: you are not among its authors.');
  if (named.some((n) => n !== me) && !gate.viewer.roles.includes('doctor'))
    throw forbidden('You may record only in your own name.');
}

/** The professional marks messages read; what was said and by whom stays as it was. */
function assertConversationKept(current: Communication, next: Communication, me: string): void {
  const said = (c: Communication) => JSON.stringify([c.sender, c.payload, c.subject, c.basedOn, c.sent]);
  if (said(current) !== said(next) && current.sender?.reference !== `Practitioner/${me}`)
    throw forbidden('Only the sender may change a message.');
}

function stampRegister(resource: Resource, register: 'health' | 'social'): Resource {
  if (registerOf(resource) === 'shared') return resource;
  const tags = (resource.meta?.tag ?? []).filter((t) => t.system !== registerSystem);
  return {
    ...resource,
    meta: { ...resource.meta, tag: [...tags, { system: registerSystem, code: register }] },
  } as Resource;
}

const practitioner = (ref: string | undefined) =>
  ref?.startsWith('Practitioner/') ? ref.slice('Practitioner/'.length) : null;

/**
 * Who holds a contact, and its status, change only by its holder, a team lead, the professional
 * asked to co-sign or consult on it (she holds a consultation whose focus is this contact), or,
 * for a request, who made it. Taking a contact nobody holds goes through Task/$claim.
 */
async function assertTaskChange(
  tx: Queryable,
  gate: Gate,
  id: string,
  current: Task | undefined,
  next: Task,
): Promise<void> {
  if (isTeamLead(gate.viewer)) return;
  const me = gate.viewer.id;
  if (!current) {
    // A new contact: she may ask a colleague (owner someone else) but not take over a resident's contact as someone else.
    if (next.requester && practitioner(next.requester.reference) !== me)
      throw forbidden('A request is made in your own name.');
    return;
  }
  const before = practitioner(current.owner?.reference);
  const after = practitioner(next.owner?.reference);
  const ownerChanged = (current.owner?.reference ?? null) !== (next.owner?.reference ?? null);
  const statusChanged = current.status !== next.status;
  if (!ownerChanged && !statusChanged) return;
  if (before === me) return;
  // Who asked for a consultation or co-signing may ask again, or someone else, or withdraw it.
  if (practitioner(current.requester?.reference) === me) return;
  if (before === null && ownerChanged) {
    if (after === me && !statusChanged) return; // equivalent to a claim
    throw forbidden('A contact nobody holds is taken with Task/$claim, by the one who takes it.');
  }
  if (!ownerChanged && (await askedAbout(tx, me, id))) return;
  throw forbidden(
    before === null
      ? 'Take the contact first: only its holder changes its status.'
      : 'Only the holder or a team lead can change who holds this contact or its status.',
  );
}

async function askedAbout(tx: Queryable, me: string, taskId: string): Promise<boolean> {
  const rows = await tx.query(
    "SELECT 1 FROM resource_current WHERE type = 'Task' AND NOT deleted AND body->'owner'->>'reference' = $1 AND body->'focus'->>'reference' = $2 LIMIT 1",
    [`Practitioner/${me}`, `Task/${taskId}`],
  );
  return rows.length > 0;
}
