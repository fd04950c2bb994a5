import { randomUUID } from 'node:crypto';
import type { Appointment, Task } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { type Snapshot, createActor } from 'xstate';
import { ContractError } from '../../shared/contract';
import { documentationMachine } from '../../shared/documentation/documentation-machine';
import type { DraftContext, DraftInput, FlowKind } from '../../shared/documentation/draft';
import type { DraftEvent } from '../../shared/documentation/events';
import { careGuaranteeRecord, signingBlockers } from '../../shared/documentation/signing-rules';
import { flows } from '../../shared/documentation/steps';
import { signedRecordEntries } from '../../shared/documentation/to-fhir';
import type { DraftView } from '../../shared/documentation/view';
import {
  type DraftRow,
  draftRow,
  insertDraft,
  openCorrectionOf,
  openDraftOfTask,
  recordIdsOf,
  saveDraftSnapshot,
  setRecordIds,
} from '../cache/draft-table';
import { writeLocalTransaction } from '../cache/outbox';
import { readResourceVersioned, readVisitOf } from '../cache/resources';
import { atomically } from '../cache/transaction';

const machines = new Map<FlowKind, ReturnType<typeof documentationMachine>>();
const machineFor = (kind: FlowKind) => {
  let m = machines.get(kind);
  if (!m) machines.set(kind, (m = documentationMachine(kind)));
  return m;
};

type Persisted = Snapshot<unknown> & { value: unknown; context: DraftContext };

function view(id: string, snapshot: Persisted, row?: Pick<DraftRow, 'corrects' | 'correction_reason'>): DraftView {
  const ctx = snapshot.context;
  const value = snapshot.value;
  const at = typeof value === 'string' ? value : (Object.values(value as Record<string, string>)[0] ?? 'review');
  return {
    id,
    kind: ctx.kind,
    taskId: ctx.taskId,
    residentId: ctx.residentId,
    author: ctx.author,
    state: value === 'signed' ? 'signed' : value === 'awaitingCosign' ? 'awaitingCosign' : 'draft',
    step: value === 'signed' || value === 'awaitingCosign' ? 'review' : (at as DraftView['step']),
    steps: [...flows[ctx.kind].steps],
    fields: ctx.fields,
    assessedAt: ctx.assessedAt,
    blockers: signingBlockers(ctx),
    blockedBy: ctx.blockedBy,
    record: careGuaranteeRecord(ctx),
    history: ctx.history,
    cosign: ctx.cosign,
    signed: ctx.signed,
    correction: row?.corrects ? { of: row.corrects, reason: row.correction_reason ?? '' } : null,
  };
}

/** The open draft of a contact, or a new one started from what is known. */
export function openDraft(db: WritableDb, input: DraftInput): DraftView {
  const existing = openDraftOfTask(db, input.taskId);
  if (existing) return view(existing.id, JSON.parse(existing.snapshot) as Persisted, existing);
  const actor = createActor(machineFor(input.kind), { input }).start();
  const snapshot = actor.getPersistedSnapshot() as Persisted;
  actor.stop();
  const id = randomUUID();
  insertDraft(db, {
    id,
    taskId: input.taskId,
    kind: input.kind,
    snapshot: JSON.stringify(snapshot),
    at: input.startedAt,
  });
  return view(id, snapshot);
}

/** The stored snapshot itself, for carrying a draft to another workstation. */
export function readSnapshot(
  db: WritableDb,
  id: string,
): { kind: FlowKind; snapshot: { value: unknown; context: DraftContext } } {
  const row = draftRow(db, id);
  if (!row) throw new ContractError('not_found', 'No such draft on this workstation.');
  return { kind: row.kind, snapshot: JSON.parse(row.snapshot) as Persisted };
}

export function readDraft(db: WritableDb, id: string): DraftView {
  const row = draftRow(db, id);
  if (!row) throw new ContractError('not_found', 'No such draft on this workstation.');
  return view(row.id, JSON.parse(row.snapshot) as Persisted, row);
}

/**
 * One step of a flow: the machine is restored from its stored snapshot, told the event, and
 * its new snapshot committed before the answer returns. When the step signs, the record's
 * transaction Bundle goes into the outbox in that same SQLite transaction: signed and queued
 * for the backend are one fact, whatever crashes next.
 */
export function sendToDraft(
  db: WritableDb,
  id: string,
  event: DraftEvent,
  now: () => Date = () => new Date(),
): DraftView {
  const row = draftRow(db, id);
  if (!row) throw new ContractError('not_found', 'No such draft on this workstation.');
  const before = JSON.parse(row.snapshot) as Persisted;
  if (before.value === 'signed')
    throw new ContractError('conflict', 'A signed record is not changed; start a correction instead.');
  // The input only seeds a new flow; a restored snapshot already holds everything.
  const actor = createActor(machineFor(row.kind), { snapshot: before, input: before.context }).start();
  actor.send(event);
  const after = actor.getPersistedSnapshot() as Persisted;
  actor.stop();
  const signedNow = after.value === 'signed';
  atomically(db, () => {
    saveDraftSnapshot(db, id, JSON.stringify(after), now().toISOString(), signedNow ? now().toISOString() : null);
    if (signedNow) queueSignedRecord(db, id, after.context, row);
  });
  return view(id, after, row);
}

/**
 * Starts the correction of a signed record: a new draft holding the signed one's content and
 * timestamps (the care need was assessed when it was), at its review step, with the reason.
 * The signed draft itself never changes.
 */
export function startCorrection(
  db: WritableDb,
  signedId: string,
  reason: string,
  by: { name: string },
  now: Date,
): DraftView {
  const row = draftRow(db, signedId);
  if (!row) throw new ContractError('not_found', 'No such draft on this workstation.');
  const signed = JSON.parse(row.snapshot) as Persisted;
  if (signed.value !== 'signed')
    throw new ContractError('conflict', 'Only a signed record is corrected; a draft is simply edited.');
  const open = openCorrectionOf(db, signedId);
  if (open) return readDraft(db, open);
  const ctx = signed.context;
  const snapshot = {
    ...signed,
    status: 'active',
    output: undefined,
    value: { draft: 'review' },
    context: {
      ...ctx,
      signed: null,
      cosign: null,
      blockedBy: [],
      history: [
        ...ctx.history,
        { at: now.toISOString(), by: by.name, action: 'correction-started' as const, note: reason },
      ],
    },
  } as Persisted;
  // Restoring proves the snapshot is one the machine accepts before anything is stored.
  createActor(machineFor(row.kind), { snapshot, input: snapshot.context }).start().stop();
  const id = randomUUID();
  insertDraft(db, {
    id,
    taskId: ctx.taskId,
    kind: row.kind,
    snapshot: JSON.stringify(snapshot),
    at: now.toISOString(),
    corrects: signedId,
    reason,
  });
  return readDraft(db, id);
}

type RecordIds = Parameters<typeof signedRecordEntries>[1];
export const correctionExtension = 'urn:kaari:fhir:correction-reason';

/**
 * The signed record into the outbox. A correction reuses the corrected record's ids, so the
 * backend keeps both as versions of the same resources; the Composition says "amended" and
 * why, and the contact (already completed) is not touched again.
 */
function queueSignedRecord(db: WritableDb, draftId: string, ctx: DraftContext, draft: DraftRow): void {
  const cached = readResourceVersioned<Task>(db, 'Task', ctx.taskId);
  if (!cached) throw new ContractError('not_found', 'The contact of this draft is not in the cache.');
  const task = { ...cached.resource, id: ctx.taskId, meta: { versionId: cached.versionId } };
  const corrected = draft.corrects ? recordIdsOf(db, draft.corrects) : null;
  if (draft.corrects && !corrected)
    throw new ContractError('conflict', 'The corrected record was not signed on this workstation.');
  const ids: RecordIds = corrected
    ? (JSON.parse(corrected) as RecordIds)
    : {
        encounter: randomUUID(),
        composition: randomUUID(),
        condition: randomUUID(),
        observation: randomUUID(),
        carePlan: randomUUID(),
      };
  let entries = signedRecordEntries(
    ctx,
    ids,
    task,
    ctx.kind === 'video-visit' ? readVisitOf<Appointment>(db, ctx.taskId) : undefined,
  );
  if (draft.corrects) {
    entries = entries
      .filter((e) => e.resource?.resourceType !== 'Task')
      .map((e) =>
        e.resource?.resourceType === 'Composition'
          ? {
              ...e,
              resource: {
                ...e.resource,
                status: 'amended' as const,
                extension: [
                  ...(e.resource.extension ?? []),
                  { url: correctionExtension, valueString: draft.correction_reason ?? '' },
                ],
              },
            }
          : e,
      );
  }
  setRecordIds(db, draftId, JSON.stringify(ids));
  writeLocalTransaction(db, { resourceType: 'Bundle', id: randomUUID(), type: 'transaction', entry: entries });
}
