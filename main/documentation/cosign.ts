import type { Task } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import type { DraftContext, FlowKind } from '../../shared/documentation/draft';
import { newQueueTask, taskUrgency } from '../../shared/queue/task-conventions';
import { draftRow, putCarriedDraft } from '../cache/draft-table';
import { writeLocal } from '../cache/outbox';
import { cachedVersion, readResource } from '../cache/resources';

/**
 * A draft asked to be co-signed travels between workstations inside a FHIR Task: a
 * consultation contact held by the asked professional, its focus the original contact, and
 * the flow's persisted snapshot (with its history) as an attachment in Task.input. The asked
 * professional's workstation takes the draft from it; when it comes back (returned or signed)
 * the author's workstation takes it back. Drafts themselves never leave a workstation otherwise.
 */
export const carrierId = (draftId: string) => `cosign-${draftId}`;
const inputSystem = 'urn:kaari:task-input';
const inputCode = 'documentation-draft';

interface Carried {
  draftId: string;
  kind: FlowKind;
  snapshot: { value: unknown; context: DraftContext };
}

export function readCarrier(task: Task): Carried | null {
  const input = task.input?.find((i) => i.type.coding?.some((c) => c.system === inputSystem && c.code === inputCode));
  const data = input?.valueAttachment?.data;
  if (!data) return null;
  try {
    const carried = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Carried;
    return carried.draftId && carried.kind && carried.snapshot?.context ? carried : null;
  } catch {
    return null;
  }
}

/** Writes (or updates) the carrier of a draft through the outbox: to the asked professional, or closed. */
export function sendCarrier(
  db: WritableDb,
  draftId: string,
  kind: FlowKind,
  snapshot: Carried['snapshot'],
  status: 'requested' | 'cancelled' | 'completed',
): void {
  const ctx = snapshot.context;
  const original = readResource(db, 'Task', ctx.taskId) as Task | null;
  const id = carrierId(draftId);
  const existing = readResource(db, 'Task', id) as Task | null;
  const to =
    ctx.cosign?.requestedFrom ??
    (existing?.owner?.reference
      ? { id: existing.owner.reference.slice(13), name: existing.owner.display ?? '' }
      : null);
  const base = newQueueTask({
    id,
    kind: 'consultation',
    urgency: original ? taskUrgency(original) : 'P4',
    patientId: ctx.residentId,
    authoredOn: existing?.authoredOn ?? new Date().toISOString(),
    description: `${ctx.author.name}: ${ctx.cosign?.note || existing?.description || ''}`.trim(),
    profession: to && 'profession' in to && to.profession === 'doctor' ? 'doctor' : 'nurse',
    focus: `Task/${ctx.taskId}`,
  });
  const payload = Buffer.from(JSON.stringify({ draftId, kind, snapshot } satisfies Carried)).toString('base64');
  const task: Task & { id: string } = {
    ...base,
    id,
    status,
    requester: { reference: `Practitioner/${ctx.author.id}`, display: ctx.author.name },
    ...(to ? { owner: { reference: `Practitioner/${to.id}`, display: to.name } } : {}),
    input: [
      {
        type: { coding: [{ system: inputSystem, code: inputCode }] },
        valueAttachment: { contentType: 'application/json', data: payload },
      },
    ],
  };
  const baseVersion = cachedVersion(db, 'Task', id);
  writeLocal(db, { resource: task, ...(baseVersion ? { baseVersion } : {}) });
}

/**
 * Takes a carried draft into this workstation's drafts when it is newer than the local copy
 * (a longer history: every hop adds an entry). A signed draft arrives signed; its record was
 * queued by the workstation that signed it, never again here.
 */
export function importCarried(db: WritableDb, carried: Carried, now = new Date()): void {
  const local = draftRow(db, carried.draftId);
  const localHistory = local ? ((JSON.parse(local.snapshot) as Carried['snapshot']).context.history?.length ?? 0) : -1;
  if (carried.snapshot.context.history.length <= localHistory) return;
  const signedAt = carried.snapshot.value === 'signed' ? now.toISOString() : null;
  putCarriedDraft(db, {
    id: carried.draftId,
    taskId: carried.snapshot.context.taskId,
    kind: carried.kind,
    snapshot: JSON.stringify(carried.snapshot),
    at: now.toISOString(),
    signedAt,
  });
}

/** The carrier of a draft, if this cache has one. */
export function carrierOf(db: WritableDb, draftId: string): Carried | null {
  const task = readResource(db, 'Task', carrierId(draftId)) as Task | null;
  return task ? readCarrier(task) : null;
}
