import { z } from 'zod';
import { urgencyClasses } from '../care-guarantee/urgency';
import { questionnaireIds } from '../fhir/self-assessment';
import { residentLanguages } from '../i18n/resident';
import { contactKinds } from '../queue/task-conventions';
import { ChatMessage } from '../chat/messages';
import { bodySiteCodes, photoViewCodes } from '../photos/body-sites';

/**
 * The resident web client's API (/resident/...): small, task-shaped calls instead of raw FHIR,
 * because the backend, not the browser, decides urgency, ids and who the sender is. Every
 * request that creates something carries a client-made id, so a retried request applies once.
 */
export const ResidentLanguage = z.enum(residentLanguages);
const clientId = z.uuid();
const text = z.string().trim().min(1).max(4000);

/** Photos a resident may send: what phones and cameras make. HEIC is what iPhones send. */
export const photoTypes = ['image/jpeg', 'image/png', 'image/heic', 'image/heif'] as const;
export const maxPhotoBytes = 10 * 1024 * 1024;

export const residentIdentifier = /^SYN-\d{6}$/;
export const ResidentCodeRequest = z.object({ identifier: z.string().trim().regex(residentIdentifier) });
export const ResidentVerifyRequest = z.object({
  identifier: z.string().trim().regex(residentIdentifier),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const ResidentSession = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  patientId: z.string(),
  name: z.string(),
  language: ResidentLanguage,
});
export type ResidentSession = z.infer<typeof ResidentSession>;

export const SelfAssessmentRequest = z.object({
  requestId: clientId,
  questionnaire: z.enum(questionnaireIds),
  language: ResidentLanguage,
  answers: z.record(z.string(), z.unknown()),
});
export type SelfAssessmentRequest = z.infer<typeof SelfAssessmentRequest>;
export const SelfAssessmentResult = z.object({
  taskId: z.string(),
  urgency: z.enum(urgencyClasses),
  reasons: z.array(z.string()),
  redFlag: z.enum(['call-112', 'crisis-line']).nullable(),
});
export type SelfAssessmentResult = z.infer<typeof SelfAssessmentResult>;

export const ContactStatus = z.enum(['waiting', 'handling', 'done']);
export const ResidentContact = z.object({
  taskId: z.string(),
  kind: z.enum(contactKinds),
  status: ContactStatus,
  authoredOn: z.string(),
  description: z.string(),
  messages: z.number().int(),
  /** The professional's messages the resident has not opened yet. */
  unread: z.number().int(),
});
export type ResidentContact = z.infer<typeof ResidentContact>;

export const ChatStartRequest = z.object({ requestId: clientId, text, language: ResidentLanguage });
export const ChatSendRequest = z.object({ messageId: clientId, text });
/** The type the browser declares is only a hint: the backend reads the real type from the bytes. */
const declaredType = z.string().max(100).optional();
export const ChatPhotoRequest = z.object({
  messageId: clientId,
  contentType: declaredType,
  dataBase64: z.string().max(Math.ceil((maxPhotoBytes * 4) / 3) + 4),
  description: z.string().trim().max(500),
  bodySite: z.enum(bodySiteCodes).optional(),
  view: z.enum(photoViewCodes).optional(),
});
export const ChatThread = z.object({
  taskId: z.string(),
  kind: z.enum(contactKinds),
  status: ContactStatus,
  messages: z.array(ChatMessage),
});
export type ChatThread = z.infer<typeof ChatThread>;

export const CallbackRequest = z.object({
  requestId: clientId,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/),
  reason: z.string().trim().min(1).max(500),
  language: ResidentLanguage,
});

export const PhotoRequest = z.object({
  requestId: clientId,
  description: z.string().trim().max(500),
  contentType: declaredType,
  dataBase64: z.string().max(Math.ceil((maxPhotoBytes * 4) / 3) + 4),
  language: ResidentLanguage,
  bodySite: z.enum(bodySiteCodes).optional(),
  view: z.enum(photoViewCodes).optional(),
  /** When the photo was taken (the file's date), if the phone says; else the time of sending. */
  takenAt: z.iso.datetime({ offset: true }).optional(),
});

export const MeasurementRequest = z.discriminatedUnion('kind', [
  z.object({
    requestId: clientId,
    kind: z.literal('blood-pressure'),
    systolic: z.number().int().min(50).max(300),
    diastolic: z.number().int().min(20).max(200),
    language: ResidentLanguage,
  }),
  z.object({
    requestId: clientId,
    kind: z.literal('glucose'),
    glucose: z.number().min(0.5).max(50),
    language: ResidentLanguage,
  }),
]);
export type MeasurementRequest = z.infer<typeof MeasurementRequest>;

export const ConsentState = z.object({ decision: z.enum(['given', 'withdrawn', 'none']) });
export const ConsentRequest = z.object({ decision: z.enum(['permit', 'deny']) });

export const Created = z.object({ taskId: z.string() });

/** Resident WebSocket (/resident/realtime): first frame authenticates. */
export const ResidentClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), accessToken: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('typing'), taskId: z.string().max(64) }),
]);
export const ResidentServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Something of yours changed: fetch again. */
  z.object({ type: z.literal('changed') }),
  z.object({ type: z.literal('typing'), taskId: z.string() }),
]);
export type ResidentServerFrame = z.infer<typeof ResidentServerFrame>;

/** A self-care plan she was given in a signed contact, as she reads it: newest first. */
export const ResidentCarePlan = z.object({
  id: z.string(),
  signedAt: z.string(),
  professional: z.string(),
  reason: z.string(),
  advice: z.string(),
  followUp: z.string(),
});
export type ResidentCarePlan = z.infer<typeof ResidentCarePlan>;
