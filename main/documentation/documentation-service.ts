import type { Consent, Observation, Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { ContractError, type User } from '../../shared/contract';
import { citizenDataConsent, isCitizenGenerated } from '../../shared/fhir/citizen-data-consent';
import { describeMeasurement } from '../../shared/fhir/measurements';
import { answersSummary } from '../../shared/fhir/self-assessment';
import type { DraftFields, FlowKind, Professional } from '../../shared/documentation/draft';
import type { DraftEvent } from '../../shared/documentation/events';
import type { DraftRequest } from '../../shared/documentation/requests';
import type { DraftView } from '../../shared/documentation/view';
import type { ContactKind } from '../../shared/queue/task-conventions';
import { colleagues } from '../queue/colleagues';
import { resourcesAbout } from '../resident/resources-about';
import { queueItem } from '../queue/queue-store';
import { openDraft, readDraft, sendToDraft } from './drafts';
import { summaryPdf } from './summary-pdf';
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
  if (user.profession !== 'nurse' && user.profession !== 'doctor' && user.profession !== 'social_worker') throw new ContractError('forbidden', 'Only care professionals document contacts.');
  return { id: user.id, name: user.displayName, profession: user.profession };
}

/** The draft of a contact the user holds: the flow is chosen by the kind of contact. */
export function openDocumentation(db: Database.Database, user: User, taskId: string, now = new Date()): DraftView {
  const item = queueItem(db, taskId);
  if (!item) throw new ContractError('not_found', 'This contact is not in the local cache.');
  if (item.holder?.id !== user.id) throw new ContractError('forbidden', 'Claim the contact before documenting it.');
  const patient = db.prepare("SELECT body FROM resource WHERE type = 'Patient' AND id = ?").get(item.resident.id) as { body: string } | undefined;
  const birthDate = patient ? ((JSON.parse(patient.body) as Patient).birthDate ?? null) : null;
  const kind: FlowKind = item.theme === 'mental-health' ? 'mental-health-screening' : flowFor[item.kind];
  return openDraft(db, { kind, taskId, residentId: item.resident.id, residentBirthDate: birthDate, contactAt: item.contactAt, author: professional(user), startedAt: now.toISOString(), prefill: prefill(db, taskId, item.resident.id, item.reason) });
}

/**
 * What is already known goes into the draft, so nobody asks again: the contact's reason, the
 * answers of its self-assessment as history, the reported measurement (when consent stands).
 */
function prefill(db: Database.Database, taskId: string, residentId: string, reason: string): DraftFields {
  const fields: DraftFields = { reasonText: reason };
  const task = db.prepare("SELECT body FROM resource WHERE type = 'Task' AND id = ?").get(taskId) as { body: string } | undefined;
  const focus = task ? (JSON.parse(task.body) as Task).focus?.reference : undefined;
  const [type, id] = focus?.split('/') ?? [];
  if (!type || !id) return fields;
  const row = db.prepare('SELECT body FROM resource WHERE type = ? AND id = ?').get(type, id) as { body: string } | undefined;
  if (!row) return fields;
  if (type === 'QuestionnaireResponse') fields.history = answersSummary(JSON.parse(row.body) as QuestionnaireResponse, 2000);
  if (type === 'Observation') {
    const o = JSON.parse(row.body) as Observation;
    if (!isCitizenGenerated(o) || citizenDataConsent(resourcesAbout<Consent>(db, residentId, 'Consent')) === 'given') fields.measurementComment = `${describeMeasurement(o).value} (${o.effectiveDateTime ?? ''})`;
  }
  return fields;
}

/** One step asked by the UI, with the acting professional and the time added here. */
export function stepDocumentation(db: Database.Database, user: User, draftId: string, request: DraftRequest, now = new Date()): DraftView {
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
      event = { type: 'REQUEST_COSIGN', at, to: { id: to.id, name: to.name, profession: to.profession }, note: request.note };
      break;
    }
    default:
      event = request;
  }
  return sendToDraft(db, draftId, event, () => now);
}

/** The printable summary for the resident of a signed self-care plan, in their language. */
export async function documentationSummary(db: Database.Database, draftId: string): Promise<{ filename: string; pdfBase64: string }> {
  const draft = readDraft(db, draftId);
  const language = queueItem(db, draft.taskId)?.resident.language ?? 'fi';
  const content = residentSummary(draft, language);
  if (!content) throw new ContractError('conflict', 'A summary is printed for a signed record whose plan is self-care.');
  const bytes = await summaryPdf(content);
  return { filename: `kaari-summary-${draft.signed?.at.slice(0, 10) ?? 'draft'}.pdf`, pdfBase64: Buffer.from(bytes).toString('base64') };
}
