import type { Communication } from '@medplum/fhirtypes';
import { z } from 'zod';

/**
 * A chat message is a FHIR Communication based on the contact's Task. The text the resident
 * reads comes first in payload; when a professional sent a translated template, their own
 * wording follows, each payload marked with its language, so both sides see what was meant.
 */
export const languageExtension = 'urn:kaari:fhir:payload-language';

export const ChatMessage = z.object({
  id: z.string(),
  from: z.enum(['resident', 'staff']),
  senderId: z.string(),
  text: z.string(),
  language: z.string().nullable(),
  /** The professional's own wording when `text` is a translation. */
  original: z.object({ text: z.string(), language: z.string() }).nullable(),
  /** Reference to a Media (a photo) when the message carries one. */
  attachment: z.string().nullable(),
  sent: z.string(),
  read: z.string().nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export interface NewChatMessage {
  id: string;
  taskId: string;
  patientId: string;
  from: { resident: true } | { practitionerId: string };
  text: string;
  language?: string;
  original?: { text: string; language: string };
  attachment?: string;
  sent: string;
}

const payload = (contentString: string, language?: string) => ({
  contentString,
  ...(language ? { extension: [{ url: languageExtension, valueCode: language }] } : {}),
});

export function chatCommunication(m: NewChatMessage): Communication {
  const resident = { reference: `Patient/${m.patientId}` };
  const staff = 'practitionerId' in m.from ? { reference: `Practitioner/${m.from.practitionerId}` } : null;
  return {
    resourceType: 'Communication',
    id: m.id,
    status: 'completed',
    basedOn: [{ reference: `Task/${m.taskId}` }],
    subject: resident,
    sender: staff ?? resident,
    ...(staff ? { recipient: [resident] } : {}),
    sent: m.sent,
    payload: [
      // FHIR strings are never empty: a photo sent without words has only its attachment.
      ...(m.text ? [payload(m.text, m.language)] : []),
      ...(m.original ? [payload(m.original.text, m.original.language)] : []),
      ...(m.attachment ? [{ contentReference: { reference: m.attachment } }] : []),
    ],
  };
}

export const threadOf = (c: Communication): string | null =>
  c.basedOn?.find((b) => b.reference?.startsWith('Task/'))?.reference?.slice(5) ?? null;

export function readChatMessage(c: Communication): ChatMessage {
  const texts = (c.payload ?? []).filter((p) => p.contentString !== undefined);
  const lang = (i: number) => texts[i]?.extension?.find((e) => e.url === languageExtension)?.valueCode ?? null;
  const sender = c.sender?.reference ?? '';
  const second = texts[1]?.contentString;
  return {
    id: c.id ?? '',
    from: sender.startsWith('Patient/') ? 'resident' : 'staff',
    senderId: sender.split('/')[1] ?? '',
    text: texts[0]?.contentString ?? '',
    language: lang(0),
    original: second !== undefined ? { text: second, language: lang(1) ?? '' } : null,
    attachment: c.payload?.find((p) => p.contentReference)?.contentReference?.reference ?? null,
    sent: c.sent ?? c.meta?.lastUpdated ?? '',
    read: c.received ?? null,
  };
}

export const byTimeSent = (a: ChatMessage, b: ChatMessage): number =>
  a.sent < b.sent ? -1 : a.sent > b.sent ? 1 : a.id < b.id ? -1 : 1;
