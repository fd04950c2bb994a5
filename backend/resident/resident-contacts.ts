import type { Consent, Resource, Task } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { citizenDataConsent, citizenDataConsentResource } from '../../shared/fhir/citizen-data-consent';
import { bloodPressureObservation, glucoseObservation } from '../../shared/fhir/measurements';
import { questionnaires } from '../../shared/self-assessment/questionnaires';
import { assessmentDescription, responseResource } from '../../shared/self-assessment/to-fhir';
import { parseAnswers, triage } from '../../shared/self-assessment/triage';
import {
  CallbackRequest,
  ConsentRequest,
  type ContactStatus,
  MeasurementRequest,
  PhotoRequest,
  type ResidentContact,
  SelfAssessmentRequest,
  type SelfAssessmentResult,
} from '../../shared/protocol/resident';
import { type NewQueueTask, newQueueTask, taskKind } from '../../shared/queue/task-conventions';
import type { AuditLog } from '../audit/audit-log';
import { FhirError, invalid } from '../fhir/fhir-error';
import { type ResourceStore, asResident } from '../fhir/store';
import type { Queryable } from '../db/db';
import { processPhoto } from '../photos/photo-pipeline';
import { photoResources, writePhoto } from '../photos/store-photo';
import type { z } from 'zod';

export const parseBody = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
};
export const resident = (request: FastifyRequest): string => {
  if (!request.residentId) throw new FhirError(401, 'login', 'Sign in first.');
  return request.residentId;
};

export const contactStatus = (task: Task): z.infer<typeof ContactStatus> =>
  task.status === 'completed' || task.status === 'cancelled' || task.status === 'failed' || task.status === 'rejected'
    ? 'done'
    : task.owner
      ? 'handling'
      : 'waiting';

/**
 * Writes a new contact (its focus resources and the queue Task) in one transaction. The Task id
 * is the client's request id: a retried request finds its Task and changes nothing.
 */
export async function createContact(
  store: ResourceStore,
  patientId: string,
  task: NewQueueTask & { id: string },
  focus: readonly Resource[] | ((tx: Queryable) => Promise<unknown>) = [],
): Promise<Task> {
  return store.write(async (tx) => {
    const existing = await tx.query<{ body: Task }>(
      "SELECT body FROM resource_current WHERE type = 'Task' AND id = $1",
      [task.id],
    );
    if (existing[0]) {
      if (existing[0].body.for?.reference !== `Patient/${patientId}`)
        throw new FhirError(409, 'duplicate', 'This request id is already used.');
      return existing[0].body;
    }
    if (typeof focus === 'function') await focus(tx);
    else for (const r of focus) await store.create(tx, r, r.id);
    return (await store.create(tx, newQueueTask({ ...task, patientId }), task.id)).resource as Task;
  }, asResident(patientId));
}

export async function ownTask(store: ResourceStore, patientId: string, taskId: string): Promise<Task> {
  const stored = await store.read(store.db, 'Task', taskId).catch(() => null);
  const task = stored?.resource as Task | undefined;
  // Someone else's contact answers exactly like a missing one.
  if (!task || task.for?.reference !== `Patient/${patientId}`)
    throw new FhirError(404, 'not-found', 'No such contact.');
  return task;
}

/** A photo's date from the phone, believed unless it lies in the future. */
export const photoTakenAt = (takenAt: string | undefined, now: string): string =>
  takenAt && Date.parse(takenAt) <= Date.parse(now) + 5 * 60_000 ? new Date(takenAt).toISOString() : now;

export type ResidentAudit = AuditLog;
/** A 10 MB photo as base64 in JSON, with room for the other fields. */
export const photoBodyLimit = 14 * 1024 * 1024;

export function registerResidentContacts(app: FastifyInstance, store: ResourceStore, audit: ResidentAudit): void {
  const now = () => new Date().toISOString();

  app.get('/resident/api/contacts', async (request) => {
    const patientId = resident(request);
    const rows = await store.db.query<{ body: Task; messages: string; unread: string }>(
      `SELECT t.body, m.messages, m.unread FROM resource_current t
       CROSS JOIN LATERAL (
         SELECT count(*) AS messages,
                count(*) FILTER (WHERE c.body->>'received' IS NULL AND c.body->'sender'->>'reference' LIKE 'Practitioner/%') AS unread
         FROM resource_current c WHERE c.type = 'Communication' AND c.body->'subject'->>'reference' = $1
           AND c.body->'basedOn' @> jsonb_build_array(jsonb_build_object('reference', 'Task/' || t.id))) m
       WHERE t.type = 'Task' AND NOT t.deleted AND t.body->'for'->>'reference' = $1
       ORDER BY t.body->>'authoredOn' DESC LIMIT 50`,
      [`Patient/${patientId}`],
    );
    await audit.recordResident(
      patientId,
      'search-type',
      rows.map((r) => `Task/${r.body.id}`),
    );
    return rows.map((r): ResidentContact => ({
      taskId: r.body.id ?? '',
      kind: taskKind(r.body),
      status: contactStatus(r.body),
      authoredOn: r.body.authoredOn ?? '',
      description: r.body.description ?? '',
      messages: Number(r.messages),
      unread: Number(r.unread),
    }));
  });

  app.post('/resident/api/self-assessments', async (request) => {
    const patientId = resident(request);
    const body = parseBody(SelfAssessmentRequest, request.body);
    const def = questionnaires[body.questionnaire];
    const parsed = parseAnswers(def.id, body.answers);
    if (!parsed.ok) throw invalid(parsed.error);
    // The backend decides the urgency from the answers; the browser's opinion is never asked.
    const result = triage(def, parsed.answers);
    const qrId = `qr-${body.requestId}`;
    const qr = responseResource(def, parsed.answers, {
      id: qrId,
      patientId,
      language: body.language,
      authored: now(),
      triage: result,
    });
    await createContact(
      store,
      patientId,
      {
        id: body.requestId,
        kind: 'self-assessment',
        urgency: result.urgency,
        patientId,
        authoredOn: now(),
        description: assessmentDescription(def, result),
        language: body.language,
        theme: def.theme,
        focus: `QuestionnaireResponse/${qrId}`,
      },
      [qr],
    );
    const answer: SelfAssessmentResult = {
      taskId: body.requestId,
      urgency: result.urgency,
      reasons: result.reasons,
      redFlag: result.redFlag,
    };
    return answer;
  });

  app.post('/resident/api/callbacks', async (request) => {
    const patientId = resident(request);
    const body = parseBody(CallbackRequest, request.body);
    await createContact(store, patientId, {
      id: body.requestId,
      kind: 'callback',
      urgency: 'P5',
      patientId,
      authoredOn: now(),
      description: `${body.reason} (${body.phone})`,
      language: body.language,
    });
    return { taskId: body.requestId };
  });

  app.post('/resident/api/photos', { bodyLimit: photoBodyLimit }, async (request) => {
    const patientId = resident(request);
    const body = parseBody(PhotoRequest, request.body);
    // Checked and converted before the transaction: a refused file writes nothing, and the CPU work holds no lock.
    const photo = await processPhoto(Buffer.from(body.dataBase64, 'base64'));
    const at = now();
    const { bodySite, view } = body;
    const resources = photoResources(
      {
        id: body.requestId,
        patientId,
        description: body.description,
        bodySite,
        view,
        takenAt: photoTakenAt(body.takenAt, at),
        task: `Task/${body.requestId}`,
        operator: `Patient/${patientId}`,
      },
      photo,
      at,
    );
    const task = {
      id: body.requestId,
      kind: 'photo' as const,
      urgency: 'P5' as const,
      patientId,
      authoredOn: at,
      description: body.description || 'Kuva',
      language: body.language,
      focus: `Media/${resources.media.id}`,
    };
    await createContact(store, patientId, task, (tx) => writePhoto(store, tx, resources));
    return { taskId: body.requestId };
  });

  app.post('/resident/api/measurements', async (request) => {
    const patientId = resident(request);
    const body = parseBody(MeasurementRequest, request.body);
    const at = now();
    const obs =
      body.kind === 'blood-pressure'
        ? bloodPressureObservation(patientId, at, body.systolic, body.diastolic)
        : glucoseObservation(patientId, at, body.glucose);
    const id = `obs-${body.requestId}`;
    const description =
      body.kind === 'blood-pressure'
        ? `Verenpaine ${body.systolic}/${body.diastolic} mmHg`
        : `Verensokeri ${body.glucose} mmol/l`;
    await createContact(
      store,
      patientId,
      {
        id: body.requestId,
        kind: 'measurement',
        urgency: 'P6',
        patientId,
        authoredOn: at,
        description,
        language: body.language,
        theme: 'long-term-illness',
        focus: `Observation/${id}`,
      },
      [{ ...obs, id }],
    );
    return { taskId: body.requestId };
  });

  const consents = async (patientId: string) =>
    (
      await store.db.query<{ body: Consent }>(
        "SELECT body FROM resource_current WHERE type = 'Consent' AND NOT deleted AND body->'patient'->>'reference' = $1",
        [`Patient/${patientId}`],
      )
    ).map((r) => r.body);

  app.get('/resident/api/consent', async (request) => {
    const patientId = resident(request);
    const found = await consents(patientId);
    await audit.recordResident(
      patientId,
      'search-type',
      found.map((c) => `Consent/${c.id}`),
    );
    return { decision: citizenDataConsent(found) };
  });

  app.put('/resident/api/consent', async (request) => {
    const patientId = resident(request);
    const body = parseBody(ConsentRequest, request.body);
    // Each decision is a new Consent, so the history of giving and withdrawing is kept.
    await store.write(
      (tx) => store.create(tx, citizenDataConsentResource(patientId, body.decision, now())),
      asResident(patientId),
    );
    return { decision: citizenDataConsent(await consents(patientId)) };
  });
}
