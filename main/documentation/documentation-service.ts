import type { Consent, Observation, Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import type { PhotoAnnotations } from '../../shared/photos/annotations';
import { ContractError, type User } from '../../shared/contract';
import { citizenDataConsent, isCitizenGenerated } from '../../shared/fhir/citizen-data-consent';
import { describeMeasurement } from '../../shared/fhir/measurements';
import { answersSummary } from '../../shared/fhir/self-assessment';
import type { DraftFields, FlowKind, Professional } from '../../shared/documentation/draft';
import type { DraftEvent } from '../../shared/documentation/events';
import type { DraftRequest } from '../../shared/documentation/requests';
import type { DraftView } from '../../shared/documentation/view';
import { type ContactKind, openStatuses } from '../../shared/queue/task-conventions';
import { colleagues } from '../staff/directory';
import { readAbout } from '../cache/resources';
import { queueItem } from '../queue/queue-store';
import { openDraft, readDraft, readSnapshot, sendToDraft, startCorrection } from './drafts';
import { carrierOf, importCarried, readCarrier, sendCarrier } from './cosign';
import { readResource } from '../cache/resources';
import { atomically } from '../cache/transaction';
import { summaryPdf } from './summary-pdf';
import { threadChatMessages } from '../chat/chat-service';
import { logAccess } from '../cache/access-log';
import { latestSignedDraftOfTask, openDraftOfTask } from '../cache/draft-table';
import { residentSummary } from '../../shared/documentation/resident-summary';

const flowFor: Record<ContactKind, FlowKind> = {
  chat: 'chat-visit',
  video: 'video-visit',
  'self-assessment': 'care-need-assessment',
  callback: 'callback',
  photo: 'photo-review',
  measurement: 'long-term-follow-up',
  consultation: 'consultation',
};

function professional(user: User): Professional {
  if (user.profession !== 'nurse' && user.profession !== 'doctor' && user.profession !== 'social_worker')
    throw new ContractError('forbidden', 'Only care professionals document contacts.');
  return { id: user.id, name: user.displayName, profession: user.profession };
}

/**
 * The draft of a contact the user holds: the flow is chosen by the kind of contact. A co-sign
 * request (a consultation Task carrying a draft) opens the carried draft itself.
 */
export function openDocumentation(db: WritableDb, user: User, taskId: string, now = new Date()): DraftView {
  const item = queueItem(db, taskId);
  if (!item) throw new ContractError('not_found', 'This contact is not in the local cache.');
  if (item.holder?.id !== user.id) throw new ContractError('forbidden', 'Claim the contact before documenting it.');
  const carrier = readResource(db, 'Task', taskId) as Task | null;
  const carried = carrier ? readCarrier(carrier) : null;
  if (carried) {
    importCarried(db, carried, now);
    return readDraft(db, carried.draftId);
  }
  // A closed contact found again (Recent contacts) shows its signed record, not a new draft.
  const signed =
    carrier && !openStatuses.includes(carrier.status) && !openDraftOfTask(db, taskId)
      ? latestSignedDraftOfTask(db, taskId)
      : undefined;
  if (signed) return readDraft(db, signed);
  const opened = openNewOrExisting(db, user, item, taskId, now);
  // The draft may have come back from a co-signer (returned or signed) since it was left here.
  const back = carrierOf(db, opened.id);
  if (!back) return opened;
  importCarried(db, back, now);
  return readDraft(db, opened.id);
}

function openNewOrExisting(
  db: WritableDb,
  user: User,
  item: NonNullable<ReturnType<typeof queueItem>>,
  taskId: string,
  now: Date,
): DraftView {
  const birthDate = readResource<Patient>(db, 'Patient', item.resident.id)?.birthDate ?? null;
  const kind: FlowKind = item.theme === 'mental-health' ? 'mental-health-screening' : flowFor[item.kind];
  return openDraft(db, {
    kind,
    taskId,
    residentId: item.resident.id,
    residentBirthDate: birthDate,
    contactAt: item.contactAt,
    author: professional(user),
    startedAt: now.toISOString(),
    prefill: prefill(db, taskId, item.resident.id, item.reason),
  });
}

/**
 * What is already known goes into the draft, so nobody asks again: the contact's reason, the
 * answers of its self-assessment as history, the reported measurement (when consent stands).
 */
function prefill(db: WritableDb, taskId: string, residentId: string, reason: string): DraftFields {
  const fields: DraftFields = { reasonText: reason };
  const focus = readResource<Task>(db, 'Task', taskId)?.focus?.reference;
  const [type, id] = focus?.split('/') ?? [];
  if (!type || !id) return fields;
  const focused = readResource(db, type, id);
  if (!focused) return fields;
  if (type === 'QuestionnaireResponse') fields.history = answersSummary(focused as QuestionnaireResponse, 2000);
  if (type === 'Observation') {
    const o = focused as Observation;
    if (!isCitizenGenerated(o) || citizenDataConsent(readAbout<Consent>(db, residentId, 'Consent')) === 'given')
      fields.measurementComment = `${describeMeasurement(o).value} (${o.effectiveDateTime ?? ''})`;
  }
  return fields;
}

const clock = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' });

/**
 * Lines of the chat the professional chose, into the record: the transcript of a chat visit, or
 * the history of a flow without one. Who said what is written out; the professional's own
 * wording is kept where a translated template was sent.
 */
export function addChatExcerpts(
  db: WritableDb,
  user: User,
  taskId: string,
  messageIds: readonly string[],
  residentLabel: string,
  now = new Date(),
): DraftView {
  const draft = openDocumentation(db, user, taskId, now);
  const chosen = threadChatMessages(db, taskId).filter((m) => messageIds.includes(m.id));
  if (chosen.length === 0) return draft;
  logAccess(
    db,
    'documentation.excerpt',
    chosen.map((m) => `Communication/${m.id}`),
    now,
  );
  const lines = chosen.map(
    (m) =>
      `${clock.format(new Date(m.sent))} ${m.from === 'resident' ? residentLabel : user.displayName}: ${m.original?.text ?? m.text}`,
  );
  const f = draft.fields;
  const patch: DraftFields = draft.steps.includes('transcript')
    ? { transcriptExcerpts: [...(f.transcriptExcerpts ?? []), ...lines].slice(-50) }
    : { history: [f.history, ...lines].filter(Boolean).join('\n').slice(0, 8000) };
  // A contact answered in chat was a real-time remote contact, whatever the flow's default.
  if (f.contactMode === 'message') patch.contactMode = 'chat';
  return sendToDraft(db, draft.id, { type: 'UPDATE', patch, at: now.toISOString() }, () => now);
}

/** Marks drawn on one photo into the contact's draft, replacing that photo's earlier marks; saved before the answer. */
export function annotatePhoto(
  db: WritableDb,
  user: User,
  taskId: string,
  annotations: PhotoAnnotations,
  now = new Date(),
): DraftView {
  const draft = openDocumentation(db, user, taskId, now);
  const others = (draft.fields.photoAnnotations ?? []).filter((a) => a.mediaId !== annotations.mediaId);
  const kept = annotations.shapes.length > 0 || annotations.reference ? [...others, annotations] : others;
  return sendToDraft(
    db,
    draft.id,
    { type: 'UPDATE', patch: { photoAnnotations: kept }, at: now.toISOString() },
    () => now,
  );
}

/** One step asked by the UI, with the acting professional and the time added here. */
export function stepDocumentation(
  db: WritableDb,
  user: User,
  draftId: string,
  request: DraftRequest,
  now = new Date(),
): DraftView {
  const at = now.toISOString();
  const me = professional(user);
  const draft = readDraft(db, draftId);
  const mine = draft.author.id === me.id || draft.cosign?.requestedFrom.id === me.id;
  if (!mine) throw new ContractError('forbidden', 'This draft belongs to another professional.');
  let event: DraftEvent;
  switch (request.type) {
    case 'UPDATE':
      event = { ...request, at };
      break;
    case 'SIGN':
    case 'COSIGN':
      event = { type: request.type, at, by: me };
      break;
    case 'RETURN':
      event = { type: 'RETURN', at, by: me, note: request.note };
      break;
    case 'REQUEST_COSIGN': {
      const to = colleagues(db).find((c) => c.id === request.toStaffId);
      if (!to?.profession) throw new ContractError('not_found', 'No such colleague in the staff directory.');
      event = {
        type: 'REQUEST_COSIGN',
        at,
        to: { id: to.id, name: to.name, profession: to.profession },
        note: request.note,
      };
      break;
    }
    default:
      event = request;
  }
  // The step and, when the draft changes hands, its carrier: one transaction.
  return atomically(db, () => {
    const view = sendToDraft(db, draftId, event, () => now);
    const carry =
      request.type === 'REQUEST_COSIGN' && view.state === 'awaitingCosign'
        ? 'requested'
        : request.type === 'RETURN' && view.state === 'draft'
          ? 'cancelled'
          : request.type === 'COSIGN' && view.state === 'signed'
            ? 'completed'
            : null;
    if (carry) {
      const { kind, snapshot } = readSnapshot(db, draftId);
      sendCarrier(db, draftId, kind, snapshot, carry);
    }
    return view;
  });
}

/** Corrections are made by the record's author, as a new draft; the signed one stays as it was. */
export function correctDocumentation(
  db: WritableDb,
  user: User,
  draftId: string,
  reason: string,
  now = new Date(),
): DraftView {
  const me = professional(user);
  if (readDraft(db, draftId).author.id !== me.id)
    throw new ContractError('forbidden', 'Only the author corrects a signed record.');
  return startCorrection(db, draftId, reason, me, now);
}

/** The printable summary for the resident of a signed self-care plan, in their language. */
export async function documentationSummary(
  db: WritableDb,
  draftId: string,
): Promise<{ filename: string; pdfBase64: string }> {
  const draft = readDraft(db, draftId);
  const language = queueItem(db, draft.taskId)?.resident.language ?? 'fi';
  const content = residentSummary(draft, language);
  if (!content)
    throw new ContractError('conflict', 'A summary is printed for a signed record whose plan is self-care.');
  const bytes = await summaryPdf(content);
  return {
    filename: `kaari-summary-${draft.signed?.at.slice(0, 10) ?? 'draft'}.pdf`,
    pdfBase64: Buffer.from(bytes).toString('base64'),
  };
}
