import type { Patient, Task } from '@medplum/fhirtypes';
import { z } from 'zod';
import { residentOf } from '../fhir/about';
import { ageAt, queueDeadlineIso, regionalTargetMs } from '../care-guarantee/deadlines';
import { urgencyClasses, urgencyRank } from '../care-guarantee/urgency';
import {
  contactKinds,
  professions,
  taskKind,
  taskLanguage,
  taskProfession,
  taskTheme,
  taskUrgency,
  themes,
} from './task-conventions';

export const QueueItem = z.object({
  id: z.string(),
  versionId: z.string(),
  kind: z.enum(contactKinds),
  urgency: z.enum(urgencyClasses),
  status: z.string(),
  contactAt: z.string(),
  /** When the contact last changed on the regional service (ISO). */
  updatedAt: z.string().optional(),
  /** Legal or urgency deadline, whichever is sooner (ISO). */
  deadline: z.string(),
  regionalTarget: z.string(),
  holder: z.object({ id: z.string(), name: z.string() }).nullable(),
  resident: z.object({ id: z.string(), name: z.string(), age: z.number().int().nullable(), language: z.string() }),
  reason: z.string(),
  profession: z.enum(professions),
  theme: z.enum(themes),
  /** The resident's chat messages in this contact nobody has read yet (added per page, not stored). */
  unread: z.number().int().nonnegative().optional(),
  /** Notes left on the contact for whoever gets it next (escalation, transfer), oldest first. */
  notes: z
    .array(
      z.object({ text: z.string(), by: z.string().nullable(), byId: z.string().nullable(), at: z.string().nullable() }),
    )
    .optional(),
  /** No one in the staff directory serves the resident's language (added per page, not stored). */
  interpreterNeeded: z.boolean().optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;

const patientName = (p: Patient | undefined) => {
  const n = p?.name?.[0];
  return n ? [...(n.given ?? []), n.family ?? ''].join(' ').trim() : '—';
};

const contactTime = (task: Task) => task.authoredOn ?? task.meta?.lastUpdated ?? new Date(0).toISOString();
/** The resident a queue Task is for (its `for`, without the `Patient/` prefix). */
export const residentIdOf = (task: Task): string => residentOf(task) ?? '';
const languageOf = (task: Task, patient: Patient | undefined) =>
  taskLanguage(task) ?? patient?.communication?.find((c) => c.preferred)?.language.coding?.[0]?.code ?? 'fi';
const reasonOf = (task: Task) => (task.description ?? '').slice(0, 200);

export function toQueueItem(task: Task, patient: Patient | undefined): QueueItem {
  const contactAt = contactTime(task);
  const urgency = taskUrgency(task);
  const ownerRef = task.owner?.reference;
  return {
    id: task.id ?? '',
    versionId: task.meta?.versionId ?? '0',
    kind: taskKind(task),
    urgency,
    status: task.status,
    contactAt,
    updatedAt: task.meta?.lastUpdated ?? contactAt,
    // As UTC ISO strings, so they compare correctly as text.
    deadline: safeDeadline(() => queueDeadlineIso(contactAt, urgency), contactAt),
    regionalTarget: safeDeadline(() => new Date(regionalTargetMs(contactAt)).toISOString(), contactAt),
    holder: ownerRef ? { id: ownerRef.replace(/^Practitioner\//, ''), name: task.owner?.display ?? ownerRef } : null,
    resident: {
      id: residentIdOf(task),
      name: patientName(patient),
      age: patient?.birthDate ? ageAt(patient.birthDate, contactAt) : null,
      language: languageOf(task, patient),
    },
    reason: reasonOf(task),
    profession: taskProfession(task),
    theme: taskTheme(task),
    ...(task.note?.length
      ? {
          notes: task.note.map((n) => ({
            text: n.text,
            by: n.authorReference?.display ?? n.authorString ?? null,
            byId: n.authorReference?.reference?.replace(/^Practitioner\//, '') ?? null,
            at: n.time ?? null,
          })),
        }
      : {}),
  };
}

/**
 * A request addressed to this professional: a contact she holds that someone else gave her,
 * a co-sign or consultation request, or a transfer with a note.
 */
export const isRequestFor = (item: QueueItem, userId: string): boolean =>
  item.holder?.id === userId &&
  (item.kind === 'consultation' || (item.notes ?? []).some((n) => n.byId !== null && n.byId !== userId));

/**
 * What the queue index stores for an open Task: its sort and routing keys and the text the
 * filter searches, and nothing else. The rest of a QueueItem is derived from the cache when a
 * row is shown, so a cold sync writes as little as it can. Tested to agree with toQueueItem.
 */
export interface QueueKeys {
  id: string;
  rank: number;
  deadline: string;
  contactAt: string;
  residentId: string;
  profession: string;
  language: string;
  theme: string;
  holderId: string | null;
  search: string;
}

export function queueKeys(task: Task, patient: Patient | undefined): QueueKeys {
  const contactAt = contactTime(task);
  const urgency = taskUrgency(task);
  const reason = reasonOf(task);
  return {
    id: task.id ?? '',
    rank: urgencyRank(urgency),
    deadline: safeDeadline(() => queueDeadlineIso(contactAt, urgency), contactAt),
    contactAt,
    residentId: residentIdOf(task),
    profession: taskProfession(task),
    language: languageOf(task, patient),
    theme: taskTheme(task),
    holderId: task.owner?.reference?.replace(/^Practitioner\//, '') ?? null,
    search: searchText(patientName(patient), reason, taskKind(task)),
  };
}

/**
 * The text the queue filter matches typed words against. Plain toLowerCase: only Turkish,
 * Azerbaijani and Lithuanian lower-case differently from it, and the locale-aware call cost
 * 1.7 µs per contact (0.17 s of a 100,000-contact cold sync). The typed text goes through this.
 */
export const searchText = (name: string, reason: string, kind: string): string =>
  `${name} ${reason} ${kind}`.toLowerCase();

/** The kind is the last word of the stored search text (searchText puts it there). */
export const kindOfSearch = (search: string): string => search.slice(search.lastIndexOf(' ') + 1);

/** Typed filter text in the form searchText stores (control characters dropped). */
export const searchQuery = (typed: string): string =>
  typed
    .replace(/\p{Cc}/gu, '')
    .trim()
    .toLowerCase();

/**
 * A Task dated outside the rule table (missing or nonsense date from another system) must not
 * stop sync or hide the contact: it is shown as due at once, where someone will look at it.
 */
function safeDeadline(compute: () => string, fallback: string): string {
  try {
    return compute();
  } catch {
    const ms = Date.parse(fallback);
    return new Date(Number.isNaN(ms) ? 0 : ms).toISOString();
  }
}

/** Urgency first, then the deadline, then oldest first. */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  return (
    urgencyRank(a.urgency) - urgencyRank(b.urgency) ||
    a.deadline.localeCompare(b.deadline) ||
    a.contactAt.localeCompare(b.contactAt) ||
    a.id.localeCompare(b.id)
  );
}
