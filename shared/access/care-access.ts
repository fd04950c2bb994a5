import type { Patient, Resource, Task } from '@medplum/fhirtypes';
import type { Role } from '../contract/schemas';
import { urgencyRank } from '../care-guarantee/urgency';
import { residentIdOf } from '../queue/queue-item';
import { pinnedUrgentRank } from '../queue/routing';
import { openStatuses, taskLanguage, taskProfession, taskTheme, taskUrgency } from '../queue/task-conventions';

/**
 * Who may see what (docs/SECURITY.md), as one pure rule the backend applies to every route,
 * search, the sync feed and the realtime notices. Finnish client-data law ties access to a care
 * relationship and a log of every access; urgent contacts are never filtered away.
 */

/** A care relationship lasts this long after the professional last held one of the resident's contacts (organisation policy). */
export const careRelationshipDays = 30;
/** A stated-reason ("break the glass") access lasts at most this long, and ends at sign-out. */
export const breakGlassHours = 8;
/** P0–P2: shown to every clinician on duty, whatever their skills (the queue's own pinning rule, one owner). */
export const urgentRankMax = pinnedUrgentRank;

export const clinicalRoles = ['nurse', 'doctor', 'social_worker'] as const;

export interface Viewer {
  id: string;
  roles: readonly Role[];
  profession: string;
  languages: readonly string[];
  themes: readonly string[];
}

/** What the backend knows about the viewer at the time of a request. */
export interface AccessScope {
  viewer: Viewer;
  /** Residents she has a care relationship with (held a contact lately, asked to co-sign or consult). */
  relationships: ReadonlySet<string>;
  /** Residents opened with a stated reason, still in force. */
  grants: ReadonlySet<string>;
  /** Languages some active professional of each profession serves: a contact in none of them is routed without language. */
  servedLanguages: ReadonlyMap<string, ReadonlySet<string>>;
}

export const isClinician = (v: Pick<Viewer, 'roles'>): boolean =>
  v.roles.some((r) => (clinicalRoles as readonly string[]).includes(r));
export const isTeamLead = (v: Pick<Viewer, 'roles'>): boolean => v.roles.includes('team_lead');
/** Administrators manage the directory and templates and never see a resident's data. */
export const seesPatientData = (v: Pick<Viewer, 'roles'>): boolean => isClinician(v) || isTeamLead(v);

/** The routing facts of a contact, as the queue and the backend both read them from a Task. */
export interface ContactRoute {
  residentId: string;
  open: boolean;
  holderId: string | null;
  urgencyRank: number;
  profession: string;
  theme: string;
  language: string;
}

/** The resident's preferred language, as the queue reads it when the contact names none. */
export const preferredLanguage = (patient: Pick<Patient, 'communication'> | undefined): string | undefined =>
  patient?.communication?.find((c) => c.preferred)?.language.coding?.[0]?.code;

export function contactRoute(task: Task, residentLanguage?: string): ContactRoute {
  return {
    residentId: residentIdOf(task),
    open: openStatuses.includes(task.status),
    holderId: task.owner?.reference?.startsWith('Practitioner/')
      ? task.owner.reference.slice('Practitioner/'.length)
      : null,
    urgencyRank: urgencyRank(taskUrgency(task)),
    profession: taskProfession(task),
    theme: taskTheme(task),
    language: taskLanguage(task) ?? residentLanguage ?? 'fi',
  };
}

/**
 * Skill routing: her profession, a theme of hers (general is everyone's), a language she serves.
 * A language nobody of that profession serves does not hide the contact: it routes by profession
 * and theme, and the queue marks it "interpreter needed".
 */
export function routedTo(
  route: ContactRoute,
  viewer: Viewer,
  servedLanguages: AccessScope['servedLanguages'],
): boolean {
  if (route.profession !== viewer.profession) return false;
  if (route.theme !== 'general' && !viewer.themes.includes(route.theme)) return false;
  if (viewer.languages.includes(route.language)) return true;
  return !(servedLanguages.get(route.profession)?.has(route.language) ?? false);
}

/** May this professional see the contact (the Task itself: the minimum to triage it)? */
export function contactVisible(route: ContactRoute, scope: AccessScope): boolean {
  const v = scope.viewer;
  if (!seesPatientData(v)) return false;
  if (isTeamLead(v)) return true;
  if (route.holderId === v.id) return true;
  if (scope.relationships.has(route.residentId) || scope.grants.has(route.residentId)) return true;
  if (!route.open) return false;
  if (route.urgencyRank <= urgentRankMax) return true;
  return routedTo(route, v, scope.servedLanguages);
}

/**
 * How much of a resident's data the professional may see: 'full' within a care relationship (or
 * a stated reason, or as team lead), 'triage' (name, age, language) when one of her contacts is
 * visible in the queue, otherwise nothing.
 */
export type ResidentAccess = 'full' | 'triage' | 'none';

export function residentAccess(patientId: string, scope: AccessScope, inVisibleQueue: boolean): ResidentAccess {
  const v = scope.viewer;
  if (!seesPatientData(v)) return 'none';
  if (isTeamLead(v) || scope.relationships.has(patientId) || scope.grants.has(patientId)) return 'full';
  return inVisibleQueue ? 'triage' : 'none';
}

/**
 * Health-care and social-care records are separate registers (Finnish client-data law): a
 * social worker reads the contact, the conversation and social-care records, not health records;
 * nurses and doctors not social-care records. The register of a record is stamped by the backend
 * from its writer's profession; anything unstamped is a health record.
 */
export const registerSystem = 'urn:kaari:register';
export type Register = 'health' | 'social';
/** Shared by both registers: the contact and the conversation in it, the resident and her consent decisions. */
const sharedTypes = new Set(['Patient', 'Task', 'Communication', 'Appointment', 'Consent']);

export const registerOf = (resource: Resource): Register | 'shared' => {
  if (sharedTypes.has(resource.resourceType)) return 'shared';
  return resource.meta?.tag?.some((t) => t.system === registerSystem && t.code === 'social') ? 'social' : 'health';
};

export const registerOfWriter = (profession: string): Register =>
  profession === 'social_worker' ? 'social' : 'health';

export function mayReadRegister(viewer: Viewer, register: Register | 'shared'): boolean {
  if (register === 'shared' || isTeamLead(viewer)) return true;
  return registerOfWriter(viewer.profession) === register;
}

/** The professionals a record names as having made it: author, attester, recorder, asserter, performer, contributor, sender. */
export function recordedBy(resource: Resource): string[] {
  const r = resource as unknown as Record<string, unknown>;
  const refs: unknown[] = [];
  const add = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object' && 'reference' in v) refs.push((v as { reference?: unknown }).reference);
  };
  add(r.author);
  add(r.recorder);
  add(r.asserter);
  add(r.performer);
  add(r.sender);
  add(r.operator);
  add(r.contributor);
  if (Array.isArray(r.attester)) for (const a of r.attester) add((a as { party?: unknown }).party);
  if (Array.isArray(r.participant))
    for (const p of r.participant)
      add((p as { individual?: unknown; actor?: unknown }).individual ?? (p as { actor?: unknown }).actor);
  return [
    ...new Set(
      refs
        .filter((x): x is string => typeof x === 'string' && x.startsWith('Practitioner/'))
        .map((x) => x.slice('Practitioner/'.length)),
    ),
  ];
}
