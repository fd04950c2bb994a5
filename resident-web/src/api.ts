import type { z } from 'zod';
import { type ResidentLanguage, isResidentLanguage } from '../../shared/i18n/resident';
import { OpenVisit } from '../../shared/protocol/video';
import { ResidentAccessLog } from '../../shared/protocol/access';
import {
  ChatThread,
  Created,
  ConsentState,
  ResidentCarePlan,
  ResidentContact,
  ResidentSession,
  SelfAssessmentResult,
} from '../../shared/protocol/resident';

/** The resident API over fetch; every answer is checked against the shared schema. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sessionKey = 'kaari-resident-session';
export const storedSession = (): ResidentSession | null => {
  const parsed = ResidentSession.safeParse(JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null'));
  return parsed.success ? parsed.data : null;
};
export const storeSession = (s: ResidentSession | null) =>
  s ? sessionStorage.setItem(sessionKey, JSON.stringify(s)) : sessionStorage.removeItem(sessionKey);

async function call<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const diagnostics =
      (json as { issue?: { diagnostics?: string }[] } | null)?.issue?.[0]?.diagnostics ?? response.statusText;
    throw new ApiError(response.status, diagnostics);
  }
  return schema.parse(json);
}

const any = { parse: (v: unknown) => v } as z.ZodType<unknown>;

/** Her own photo's thumbnail as an object URL: an <img> cannot carry her token, so the bytes are fetched with it. */
async function ownThumbnail(token: string, media: string): Promise<string> {
  const response = await fetch(`/resident/api/photos/${encodeURIComponent(media.replace(/^Media\//, ''))}/thumbnail`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  return URL.createObjectURL(await response.blob());
}

export const api = {
  requestCode: (identifier: string) => call(any, 'POST', '/resident/auth/code', { identifier }),
  verify: (identifier: string, code: string) =>
    call(ResidentSession, 'POST', '/resident/auth/verify', { identifier, code }),
  contacts: (token: string) => call(ResidentContact.array(), 'GET', '/resident/api/contacts', undefined, token),
  selfAssessment: (token: string, body: unknown) =>
    call(SelfAssessmentResult, 'POST', '/resident/api/self-assessments', body, token),
  startChat: (token: string, body: { requestId: string; text: string; language: ResidentLanguage }) =>
    call(Created, 'POST', '/resident/api/chats', body, token),
  thread: (token: string, taskId: string) =>
    call(ChatThread, 'GET', `/resident/api/chats/${encodeURIComponent(taskId)}`, undefined, token),
  send: (token: string, taskId: string, messageId: string, text: string) =>
    call(any, 'POST', `/resident/api/chats/${encodeURIComponent(taskId)}/messages`, { messageId, text }, token),
  sendPhoto: (
    token: string,
    taskId: string,
    body: { messageId: string; contentType: string; dataBase64: string; description: string },
  ) => call(any, 'POST', `/resident/api/chats/${encodeURIComponent(taskId)}/photos`, body, token),
  ownThumbnail,
  markRead: (token: string, taskId: string) =>
    call(any, 'POST', `/resident/api/chats/${encodeURIComponent(taskId)}/read`, undefined, token),
  callback: (token: string, body: unknown) => call(Created, 'POST', '/resident/api/callbacks', body, token),
  photo: (token: string, body: unknown) => call(Created, 'POST', '/resident/api/photos', body, token),
  measurement: (token: string, body: unknown) => call(Created, 'POST', '/resident/api/measurements', body, token),
  videoVisits: (token: string) => call(OpenVisit.array(), 'GET', '/resident/api/video/visits', undefined, token),
  consent: (token: string) => call(ConsentState, 'GET', '/resident/api/consent', undefined, token),
  setConsent: (token: string, decision: 'permit' | 'deny') =>
    call(ConsentState, 'PUT', '/resident/api/consent', { decision }, token),
  carePlans: (token: string) => call(ResidentCarePlan.array(), 'GET', '/resident/api/care-plans', undefined, token),
  accessLog: (token: string) => call(ResidentAccessLog, 'GET', '/resident/api/access-log', undefined, token),
};

export const browserLanguage = (): ResidentLanguage => {
  const saved = localStorage.getItem('kaari-resident-language');
  if (isResidentLanguage(saved)) return saved;
  const nav = navigator.language.slice(0, 2);
  return isResidentLanguage(nav) ? nav : 'fi';
};
