import type { Communication, Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { ContractError, type User } from '../../shared/contract';
import type { ChatView, StaffChatMessage } from '../../shared/chat/chat-view';
import { type ChatMessage, byTimeSent, chatCommunication, readChatMessage, threadOf } from '../../shared/chat/messages';
import { answeredQuestions, questionnaireOf } from '../../shared/fhir/self-assessment';
import { isResidentLanguage } from '../../shared/i18n/resident';
import { queueItem } from '../queue/queue-store';
import { logAccess } from '../cache/access-log';
import { readAbout } from '../cache/resources';
import { z } from 'zod';
import { keepText, readKept } from '../cache/kept-text';
import { outboxStatesOf, writeLocal } from '../cache/outbox';
import { atomically } from '../cache/transaction';
import { readResource } from '../cache/resources';
import { listTemplates, offeredTemplates } from './templates-store';

const residentOrganisation = (db: WritableDb, residentId: string): string => {
  const ref = (readResource(db, 'Patient', residentId) as Patient | null)?.managingOrganization?.reference;
  return ref?.replace(/^Organization\//, '') ?? '';
};

function threadOfTask(db: WritableDb, residentId: string, taskId: string): (Communication & { id: string })[] {
  return readAbout<Communication>(db, residentId, 'Communication').filter(
    (c): c is Communication & { id: string } => !!c.id && threadOf(c) === taskId,
  );
}

/** The contact's messages in order, without logging: for code that logs its own read. */
export function threadChatMessages(db: WritableDb, taskId: string): ChatMessage[] {
  const item = queueItem(db, taskId);
  return item ? threadOfTask(db, item.resident.id, taskId).map(readChatMessage).sort(byTimeSent) : [];
}

/** Where each of this thread's outgoing changes stands in the outbox. */
const outboxStates = (db: WritableDb, ids: readonly string[]) => outboxStatesOf(db, 'Communication', ids);

/**
 * The conversation of one contact, from the local cache (works offline). The read is logged
 * like every read of patient data.
 */
export function chatThread(db: WritableDb, user: User, taskId: string, uiLanguage: string): ChatView {
  const item = queueItem(db, taskId);
  if (!item) throw new ContractError('not_found', 'This contact is not in the local cache.');
  const residentId = item.resident.id;
  const communications = threadOfTask(db, residentId, taskId);
  const states = outboxStates(
    db,
    communications.map((c) => c.id),
  );
  const messages: StaffChatMessage[] = communications
    .map((c) => {
      const m = readChatMessage(c);
      const state = states.get(c.id);
      const delivery =
        state === 'conflict'
          ? 'failed'
          : m.from === 'staff' && state === 'pending'
            ? 'waiting'
            : m.read
              ? 'read'
              : 'sent';
      return { ...m, delivery } as StaffChatMessage;
    })
    .sort(byTimeSent);
  const focus = (readResource(db, 'Task', taskId) as Task | null)?.focus?.reference;
  const qr = focus?.startsWith('QuestionnaireResponse/')
    ? (readResource(db, 'QuestionnaireResponse', focus.slice(22)) as QuestionnaireResponse | null)
    : null;
  logAccess(db, 'chat.thread', [
    `Task/${taskId}`,
    ...communications.map((c) => `Communication/${c.id}`),
    ...(qr ? [focus ?? ''] : []),
  ]);
  const residentLanguage = isResidentLanguage(item.resident.language) ? item.resident.language : 'fi';
  const own = isResidentLanguage(uiLanguage) ? uiLanguage : 'fi';
  return {
    taskId,
    residentId,
    residentLanguage,
    selfAssessment: qr ? { questionnaire: questionnaireOf(qr), answers: answeredQuestions(qr) } : null,
    messages,
    templates: offeredTemplates(db, residentOrganisation(db, residentId)).map((t) => ({
      id: t.id,
      own: t.text[own],
      resident: t.text[residentLanguage],
    })),
    canWrite: item.holder?.id === user.id,
    unsent: readUnsent(db, taskId),
  };
}

/** Where the chat text not yet sent is kept (kept_text, as every form's typed text). */
const unsentKey = (taskId: string) => `chat:${taskId}`;
const Unsent = z.object({ text: z.string(), templateId: z.string().nullable() });

function readUnsent(db: WritableDb, taskId: string): ChatView['unsent'] {
  const kept = readKept(db, unsentKey(taskId));
  if (!kept) return null;
  try {
    return Unsent.parse(JSON.parse(kept));
  } catch {
    return { text: kept, templateId: null };
  }
}

/** Saves what is typed as it is typed; empty text forgets it. */
export function saveUnsent(
  db: WritableDb,
  input: { taskId: string; text: string; templateId: string | null },
  now = new Date(),
): void {
  keepText(
    db,
    unsentKey(input.taskId),
    input.text ? JSON.stringify({ text: input.text, templateId: input.templateId }) : '',
    now,
  );
}

/**
 * A professional's message: into the cache and the outbox in one transaction, so it survives a
 * crash and reaches the resident once, in order. `sent` never goes backwards within a thread,
 * so messages typed in the same millisecond keep the order they were written in.
 */
export function sendChatMessage(
  db: WritableDb,
  user: User,
  input: { taskId: string; text: string; templateId?: string | undefined },
  uiLanguage: string,
  id: string,
  now = new Date(),
): void {
  const item = queueItem(db, input.taskId);
  if (!item) throw new ContractError('not_found', 'This contact is not in the local cache.');
  if (item.holder?.id !== user.id) throw new ContractError('forbidden', 'Claim the contact before answering it.');
  const residentLanguage = isResidentLanguage(item.resident.language) ? item.resident.language : 'fi';
  const own = isResidentLanguage(uiLanguage) ? uiLanguage : 'fi';
  const template = input.templateId
    ? listTemplates(db, residentOrganisation(db, item.resident.id)).find((t) => t.id === input.templateId)
    : undefined;
  if (input.templateId && !template) throw new ContractError('invalid_input', 'No such template.');
  const translated =
    template && residentLanguage !== own
      ? { text: template.text[residentLanguage], original: { text: input.text, language: own } }
      : null;
  const last = threadOfTask(db, item.resident.id, input.taskId).reduce(
    (max, c) => (c.sent && c.sent > max ? c.sent : max),
    '',
  );
  const sent = last && new Date(last).getTime() >= now.getTime() ? new Date(new Date(last).getTime() + 1) : now;
  const resource = chatCommunication({
    id,
    taskId: input.taskId,
    patientId: item.resident.id,
    from: { practitionerId: user.id },
    text: translated?.text ?? input.text,
    language: translated ? residentLanguage : own,
    ...(translated ? { original: translated.original } : {}),
    sent: sent.toISOString(),
  }) as Communication & { id: string };
  // Sent and no longer unsent, in one transaction: the words exist in exactly one place.
  atomically(db, () => {
    writeLocal(db, { resource });
    keepText(db, unsentKey(input.taskId), '');
  });
}

/** The professional has seen the resident's messages: `received` on each, through the outbox. */
export function markThreadRead(db: WritableDb, user: User, taskId: string, now = new Date()): number {
  const item = queueItem(db, taskId);
  if (!item || item.holder?.id !== user.id) return 0;
  const unread = threadOfTask(db, item.resident.id, taskId).filter(
    (c) => !c.received && c.sender?.reference?.startsWith('Patient/'),
  );
  for (const c of unread)
    writeLocal(db, { resource: { ...c, received: now.toISOString() }, baseVersion: c.meta?.versionId ?? '0' });
  return unread.length;
}
