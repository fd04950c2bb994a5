import type { Task } from '@medplum/fhirtypes';
import { type UrgencyClass, isUrgencyClass, urgencyRank } from '../care-guarantee/urgency';

/**
 * How a queue item is written as a FHIR Task. Where R4 has a field for it, that field is used
 * (code for the kind, performerType for the profession, owner for the holder); the rest are
 * extensions under the product's own URN.
 */
export const contactKinds = [
  'chat',
  'video',
  'self-assessment',
  'callback',
  'photo',
  'measurement',
  'consultation',
] as const;
export type ContactKind = (typeof contactKinds)[number];
export const themes = ['general', 'mental-health', 'child-family', 'elderly', 'long-term-illness'] as const;
export type Theme = (typeof themes)[number];
export const professions = ['nurse', 'doctor', 'social_worker'] as const;
export type Profession = (typeof professions)[number];

export const systems = {
  kind: 'urn:kaari:contact-kind',
  profession: 'urn:kaari:profession',
  urgency: 'urn:kaari:fhir:urgency-class',
  theme: 'urn:kaari:fhir:theme',
  language: 'urn:kaari:fhir:service-language',
  serviceType: 'urn:kaari:fhir:service-type',
} as const;

const ext = (task: Task, url: string) => task.extension?.find((e) => e.url === url)?.valueCode;

export const taskKind = (task: Task): ContactKind => {
  const code = task.code?.coding?.find((c) => c.system === systems.kind)?.code;
  return (contactKinds as readonly string[]).includes(code ?? '') ? (code as ContactKind) : 'chat';
};
export const taskUrgency = (task: Task): UrgencyClass => {
  const code = ext(task, systems.urgency);
  if (isUrgencyClass(code)) return code;
  // Tasks from elsewhere carry only FHIR priority: map it conservatively.
  return ({ stat: 'P1', asap: 'P2', urgent: 'P3', routine: 'P5' } as const)[task.priority ?? 'routine'];
};
export const taskTheme = (task: Task): Theme => {
  const code = ext(task, systems.theme);
  return (themes as readonly string[]).includes(code ?? '') ? (code as Theme) : 'general';
};
export const taskProfession = (task: Task): Profession => {
  const code = task.performerType?.[0]?.coding?.find((c) => c.system === systems.profession)?.code;
  return (professions as readonly string[]).includes(code ?? '') ? (code as Profession) : 'nurse';
};
export const taskLanguage = (task: Task): string | undefined => ext(task, systems.language);
export const taskServiceType = (task: Task): 'primary' | 'oral' =>
  ext(task, systems.serviceType) === 'oral' ? 'oral' : 'primary';

/** Statuses of a contact still waiting for or under handling. */
export const openStatuses: readonly NonNullable<Task['status']>[] = [
  'requested',
  'received',
  'accepted',
  'in-progress',
];

export interface NewQueueTask {
  id?: string;
  kind: ContactKind;
  urgency: UrgencyClass;
  patientId: string;
  authoredOn: string;
  description: string;
  profession?: Profession;
  theme?: Theme;
  language?: string;
  focus?: string;
}

/** Builds the Task of a new contact; used by the resident client, the seed and the tests. */
export function newQueueTask(input: NewQueueTask): Task {
  return {
    resourceType: 'Task',
    ...(input.id ? { id: input.id } : {}),
    status: 'requested',
    intent: 'order',
    priority: (['stat', 'stat', 'asap', 'urgent'] as const)[urgencyRank(input.urgency)] ?? 'routine',
    code: { coding: [{ system: systems.kind, code: input.kind }] },
    for: { reference: `Patient/${input.patientId}` },
    ...(input.focus ? { focus: { reference: input.focus } } : {}),
    authoredOn: input.authoredOn,
    description: input.description,
    performerType: [{ coding: [{ system: systems.profession, code: input.profession ?? 'nurse' }] }],
    extension: [
      { url: systems.urgency, valueCode: input.urgency },
      { url: systems.theme, valueCode: input.theme ?? 'general' },
      ...(input.language ? [{ url: systems.language, valueCode: input.language }] : []),
    ],
  };
}
