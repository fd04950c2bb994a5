import { z } from 'zod';
import { DraftFields, Professional, flowKinds } from './draft';
import { stepIds } from './steps';

const Blocker = z.object({ field: z.string(), rule: z.string() });

/** What the UI shows of a draft: where it stands, what is filled, what blocks signing. */
export const DraftView = z.object({
  id: z.string(),
  kind: z.enum(flowKinds),
  taskId: z.string(),
  residentId: z.string(),
  author: Professional,
  state: z.enum(['draft', 'awaitingCosign', 'signed']),
  step: z.enum(stepIds),
  steps: z.array(z.enum(stepIds)),
  fields: DraftFields,
  assessedAt: z.string().nullable(),
  blockers: z.array(Blocker),
  blockedBy: z.array(Blocker),
  record: z
    .object({
      contactAt: z.string(),
      assessedAt: z.string(),
      professionalGroup: z.string(),
      urgency: z.string(),
      contactMode: z.string(),
      thlContactType: z.string(),
      serviceType: z.string(),
      reasonCode: z.string(),
      careGivenInSameContact: z.boolean(),
      nextStepDeadline: z.string().nullable(),
      ruleVersion: z.string(),
    })
    .nullable(),
  /** Set on a draft that corrects a signed record: which draft, and why. */
  correction: z.object({ of: z.string(), reason: z.string() }).nullable(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), note: z.string().optional() })),
  cosign: z.object({ requestedFrom: Professional, note: z.string() }).nullable(),
  signed: z
    .object({
      at: z.string(),
      by: Professional,
      cosignedBy: Professional.optional(),
      cosignedAt: z.string().optional(),
    })
    .nullable(),
});
export type DraftView = z.infer<typeof DraftView>;
