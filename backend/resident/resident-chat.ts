import type { Binary, Communication, Media } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { byTimeSent, chatCommunication, readChatMessage } from '../../shared/chat/messages';
import { ChatPhotoRequest, ChatSendRequest, ChatStartRequest, type ChatThread } from '../../shared/protocol/resident';
import { photoRenditions } from '../../shared/photos/photo-media';
import { taskKind } from '../../shared/queue/task-conventions';
import type { Queryable } from '../db/db';
import { FhirError } from '../fhir/fhir-error';
import { type ResourceStore, asResident } from '../fhir/store';
import { processPhoto } from '../photos/photo-pipeline';
import { photoResources, writePhoto } from '../photos/store-photo';
import {
  type ResidentAudit,
  contactStatus,
  createContact,
  ownTask,
  parseBody,
  photoBodyLimit,
  resident,
} from './resident-contacts';

const firstWords = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

export async function threadMessages(q: Queryable, patientId: string, taskId: string): Promise<Communication[]> {
  const rows = await q.query<{ body: Communication }>(
    `SELECT body FROM resource_current WHERE type = 'Communication' AND NOT deleted AND body->'subject'->>'reference' = $1
     AND body->'basedOn' @> $2::jsonb ORDER BY seq`,
    [`Patient/${patientId}`, JSON.stringify([{ reference: `Task/${taskId}` }])],
  );
  return rows.map((r) => r.body);
}

/**
 * The resident's side of chat. Any of the resident's contacts can carry a conversation (a
 * self-assessment continues in chat); "start a chat" makes a chat contact with its first message.
 * Message ids come from the client, so a resent message is stored once.
 */
export function registerResidentChat(app: FastifyInstance, store: ResourceStore, audit: ResidentAudit): void {
  const addMessage = (patientId: string, taskId: string, messageId: string, text: string) =>
    store.write(async (tx) => {
      const existing = await tx.query<{ body: Communication }>(
        "SELECT body FROM resource_current WHERE type = 'Communication' AND id = $1",
        [messageId],
      );
      if (existing[0]) {
        if (existing[0].body.sender?.reference !== `Patient/${patientId}`)
          throw new FhirError(409, 'duplicate', 'This message id is already used.');
        return;
      }
      await store.create(
        tx,
        chatCommunication({
          id: messageId,
          taskId,
          patientId,
          from: { resident: true },
          text,
          sent: new Date().toISOString(),
        }),
        messageId,
      );
    }, asResident(patientId));

  app.post('/resident/api/chats', async (request) => {
    const patientId = resident(request);
    const body = parseBody(ChatStartRequest, request.body);
    const now = new Date().toISOString();
    const messageId = `msg-${body.requestId}`;
    const first = chatCommunication({
      id: messageId,
      taskId: body.requestId,
      patientId,
      from: { resident: true },
      text: body.text,
      language: body.language,
      sent: now,
    });
    await createContact(
      store,
      patientId,
      {
        id: body.requestId,
        kind: 'chat',
        urgency: 'P4',
        patientId,
        authoredOn: now,
        description: firstWords(body.text),
        language: body.language,
        focus: `Communication/${messageId}`,
      },
      [first],
    );
    return { taskId: body.requestId };
  });

  app.get('/resident/api/chats/:taskId', async (request) => {
    const patientId = resident(request);
    const task = await ownTask(store, patientId, (request.params as { taskId: string }).taskId);
    const communications = await threadMessages(store.db, patientId, task.id ?? '');
    await audit.recordResident(patientId, 'read', [
      `Task/${task.id}`,
      ...communications.map((c) => `Communication/${c.id}`),
    ]);
    const messages = communications.map(readChatMessage).sort(byTimeSent);
    const thread: ChatThread = { taskId: task.id ?? '', kind: taskKind(task), status: contactStatus(task), messages };
    return thread;
  });

  app.post('/resident/api/chats/:taskId/messages', async (request) => {
    const patientId = resident(request);
    const task = await ownTask(store, patientId, (request.params as { taskId: string }).taskId);
    if (contactStatus(task) === 'done')
      throw new FhirError(409, 'business-rule', 'This contact has ended; start a new chat.');
    const body = parseBody(ChatSendRequest, request.body);
    await addMessage(patientId, task.id ?? '', body.messageId, body.text);
    return { messageId: body.messageId };
  });

  /** A photo in the conversation: stored as Media + Binary (so it is reviewed like any photo) and referenced by the message. */
  app.post('/resident/api/chats/:taskId/photos', { bodyLimit: photoBodyLimit }, async (request) => {
    const patientId = resident(request);
    const task = await ownTask(store, patientId, (request.params as { taskId: string }).taskId);
    if (contactStatus(task) === 'done')
      throw new FhirError(409, 'business-rule', 'This contact has ended; start a new chat.');
    const body = parseBody(ChatPhotoRequest, request.body);
    const photo = await processPhoto(Buffer.from(body.dataBase64, 'base64'));
    const at = new Date().toISOString();
    const resources = photoResources(
      {
        id: body.messageId,
        patientId,
        description: body.description,
        bodySite: body.bodySite,
        view: body.view,
        task: `Task/${task.id ?? ''}`,
        operator: `Patient/${patientId}`,
      },
      photo,
      at,
    );
    const message = chatCommunication({
      id: body.messageId,
      taskId: task.id ?? '',
      patientId,
      from: { resident: true },
      text: body.description,
      attachment: `Media/${resources.media.id}`,
      sent: at,
    });
    await store.write(async (tx) => {
      const existing = await tx.query("SELECT 1 FROM resource_current WHERE type = 'Communication' AND id = $1", [
        body.messageId,
      ]);
      if (existing.length > 0) return;
      await writePhoto(store, tx, resources, [{ ...message, id: body.messageId }]);
    }, asResident(patientId));
    return { messageId: body.messageId };
  });

  /**
   * The thumbnail of a photo she sent, so her chat shows her picture. Only Media whose subject is
   * she herself; anyone else's answers exactly like a missing one.
   */
  app.get('/resident/api/photos/:mediaId/thumbnail', async (request, reply) => {
    const patientId = resident(request);
    const mediaId = (request.params as { mediaId: string }).mediaId;
    const media = (await store.read(store.db, 'Media', mediaId).catch(() => null))?.resource as Media | undefined;
    const thumbnail =
      media?.subject?.reference === `Patient/${patientId}`
        ? photoRenditions(media).find((r) => r.kind === 'thumbnail')
        : undefined;
    const binary = thumbnail
      ? ((await store.read(store.db, 'Binary', thumbnail.binaryId).catch(() => null))?.resource as Binary | undefined)
      : undefined;
    if (!thumbnail || !binary?.data) throw new FhirError(404, 'not-found', 'No such photo.');
    await audit.recordResident(patientId, 'read', [`Media/${mediaId}`, `Binary/${thumbnail.binaryId}`]);
    return reply
      .header('content-type', thumbnail.contentType)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(binary.data, 'base64'));
  });

  /** Read receipts: the professional's messages the resident has now seen get `received`. */
  app.post('/resident/api/chats/:taskId/read', async (request) => {
    const patientId = resident(request);
    const task = await ownTask(store, patientId, (request.params as { taskId: string }).taskId);
    const read = await store.write(async (tx) => {
      const unread = (await threadMessages(tx, patientId, task.id ?? '')).filter(
        (c) => !c.received && !c.sender?.reference?.startsWith('Patient/'),
      );
      const at = new Date().toISOString();
      for (const c of unread) await store.update(tx, 'Communication', c.id ?? '', { ...c, received: at });
      return unread.length;
    }, asResident(patientId));
    return { read };
  });
}
