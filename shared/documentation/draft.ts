import { z } from 'zod';
import { urgencyClasses } from '../care-guarantee/urgency';
import { PhotoAnnotations } from '../photos/annotations';
import { professions } from '../queue/task-conventions';

/** The documentation flows, one per kind of visit; all share the care need assessment core. */
export const flowKinds = [
  'care-need-assessment',
  'chat-visit',
  'video-visit',
  'photo-review',
  'callback',
  'mental-health-screening',
  'long-term-follow-up',
  'consultation',
] as const;
export type FlowKind = (typeof flowKinds)[number];

/** How the resident was reached, and its THL Avohilmo contact type. */
export const contactModes = ['chat', 'video', 'phone', 'photo', 'message', 'in-person'] as const;
export type ContactMode = (typeof contactModes)[number];
export const thlContactType: Record<ContactMode, { code: string; display: string }> = {
  chat: { code: 'R52', display: 'Etäasiointi, reaaliaikainen' },
  video: { code: 'R52', display: 'Etäasiointi, reaaliaikainen' },
  phone: { code: 'R52', display: 'Etäasiointi, reaaliaikainen' },
  photo: { code: 'R56', display: 'Etäasiointi, ei reaaliaikainen' },
  message: { code: 'R56', display: 'Etäasiointi, ei reaaliaikainen' },
  'in-person': { code: 'R10', display: 'Käynti vastaanotolla' },
};

/** Avohilmo service types used by the remote health centre (palvelumuoto). */
export const serviceTypes = ['T11', 'T40', 'T30', 'T60'] as const;
export type ServiceTypeCode = (typeof serviceTypes)[number];

export const planKinds = ['self-care', 'appointment', 'doctor-referral', 'social-care-referral', 'emergency'] as const;
export type PlanKind = (typeof planKinds)[number];

/** Everything a professional writes or picks; all optional while drafting. */
export const DraftFields = z
  .object({
    reasonText: z.string().max(4000),
    reasonCode: z.string().max(10),
    history: z.string().max(8000),
    currentState: z.string().max(8000),
    transcriptExcerpts: z.array(z.string().max(2000)).max(50),
    photoFinding: z.string().max(4000),
    /** Marks drawn on the contact's photos, one entry per photo (kept beside the image, never in it). */
    photoAnnotations: z.array(PhotoAnnotations).max(20),
    measurementComment: z.string().max(4000),
    phq9: z.number().int(),
    consultQuestion: z.string().max(4000),
    urgency: z.enum(urgencyClasses),
    assessmentText: z.string().max(8000),
    planKind: z.enum(planKinds),
    planWithinDays: z.number().int(),
    careGivenInSameContact: z.boolean(),
    planText: z.string().max(8000),
    carePlanGoal: z.string().max(2000),
    followUp: z.string().max(4000),
    contactMode: z.enum(contactModes),
    serviceType: z.enum(serviceTypes),
  })
  .partial()
  .strict();
export type DraftFields = z.infer<typeof DraftFields>;
export type FieldName = keyof DraftFields;

export const Professional = z.object({
  id: z.string().max(100),
  name: z.string().max(200),
  profession: z.enum(professions),
});
export type Professional = z.infer<typeof Professional>;

/** What the flow knows from the contact when it starts. */
export interface DraftInput {
  kind: FlowKind;
  taskId: string;
  residentId: string;
  residentBirthDate: string | null;
  contactAt: string;
  author: Professional;
  startedAt: string;
  prefill?: DraftFields;
}

export interface DraftHistoryEntry {
  at: string;
  by: string;
  action: 'started' | 'cosign-requested' | 'returned' | 'signed' | 'cosigned' | 'correction-started';
  note?: string;
}

export interface Blocker {
  field: FieldName | 'assessedAt' | 'nextStepDeadline' | 'signature';
  /** The rule that blocks, by name; the UI says it in the user's language. */
  rule:
    | 'required'
    | 'planBeyondCareGuarantee'
    | 'emergencyNeedsUrgentClass'
    | 'phq9OutOfRange'
    | 'daysOutOfRange'
    | 'selfCareMeansCareGiven'
    | 'notTheAuthor'
    | 'notTheAskedProfessional';
}

export interface DraftContext extends DraftInput {
  fields: DraftFields;
  /** When the care need was assessed: stamped by the flow the first time urgency is set. */
  assessedAt: string | null;
  history: DraftHistoryEntry[];
  cosign: { requestedFrom: Professional; note: string } | null;
  signed: { at: string; by: Professional; cosignedBy?: Professional; cosignedAt?: string } | null;
  /** Why the last attempt to sign was refused. */
  blockedBy: Blocker[];
}
