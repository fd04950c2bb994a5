import { z } from 'zod';
import { residentLanguages } from '../i18n/resident';
import { AnsweredQuestion } from '../fhir/self-assessment';
import { ChatMessage } from './messages';

/** A message as the professional sees it: with where it is on its way to the resident. */
export const Delivery = z.enum(['waiting', 'sent', 'read', 'failed']);
export const StaffChatMessage = ChatMessage.extend({ delivery: Delivery });
export type StaffChatMessage = z.infer<typeof StaffChatMessage>;

export const ChatView = z.object({
  taskId: z.string(),
  residentId: z.string(),
  residentLanguage: z.string(),
  /** The resident's self-assessment for this contact, so nobody asks again what was answered (as data: said in the viewer's words). */
  selfAssessment: z
    .object({
      questionnaire: z.string().nullable(),
      answers: z.array(AnsweredQuestion),
    })
    .nullable(),
  messages: z.array(StaffChatMessage),
  /** Templates with the wording in the professional's language and the resident's. */
  templates: z.array(z.object({ id: z.string(), own: z.string(), resident: z.string() })),
  canWrite: z.boolean(),
  /** Text typed here but not sent yet (kept through crashes and restarts). */
  unsent: z.object({ text: z.string(), templateId: z.string().nullable() }).nullable(),
});
export type ChatView = z.infer<typeof ChatView>;

export const ChatUnsent = z
  .object({ taskId: z.string().max(100), text: z.string().max(4000), templateId: z.string().max(100).nullable() })
  .strict();

export const ChatSend = z
  .object({
    taskId: z.string().max(100),
    text: z.string().trim().min(1).max(4000),
    /** Set when the text is a template unchanged: the resident then gets it in their language. */
    templateId: z.string().max(100).optional(),
  })
  .strict();

const templateTexts = z.object(
  Object.fromEntries(residentLanguages.map((l) => [l, z.string().trim().min(1).max(1000)])) as Record<
    (typeof residentLanguages)[number],
    z.ZodString
  >,
);
export const TemplateInput = z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), text: templateTexts }).strict();
export const TemplateRetire = z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), retired: z.boolean() }).strict();
export const TemplateList = z.object({
  canEdit: z.boolean(),
  templates: z.array(z.object({ id: z.string(), text: templateTexts, retired: z.boolean() })),
});
export type TemplateList = z.infer<typeof TemplateList>;
