import type { FlowKind } from '../../shared/documentation/draft';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';

/** A documentation draft as stored: the XState snapshot (JSON) and what corrects what. */
export interface DraftRow {
  id: string;
  kind: FlowKind;
  snapshot: string;
  corrects?: string | null;
  correction_reason?: string | null;
}

const selectDraft = 'SELECT id, kind, snapshot, corrects, correction_reason FROM draft';

export const draftRow = (db: ReadableDb, id: string): DraftRow | undefined =>
  prepared(db, `${selectDraft} WHERE id = ?`).get(id) as DraftRow | undefined;

/** The contact's draft not yet signed, the latest when there are several. */
export const openDraftOfTask = (db: ReadableDb, taskId: string): DraftRow | undefined =>
  prepared(db, `${selectDraft} WHERE task_id = ? AND signed_at IS NULL ORDER BY updated_at DESC LIMIT 1`).get(
    taskId,
  ) as DraftRow | undefined;

/** The contact's latest signed draft (a correction over what it corrects), for a closed contact opened again. */
export const latestSignedDraftOfTask = (db: ReadableDb, taskId: string): string | undefined =>
  (
    prepared(
      db,
      'SELECT id FROM draft WHERE task_id = ? AND signed_at IS NOT NULL ORDER BY signed_at DESC, updated_at DESC LIMIT 1',
    ).get(taskId) as { id: string } | undefined
  )?.id;

/** The unsigned correction of a signed draft, if one was started. */
export const openCorrectionOf = (db: ReadableDb, signedId: string): string | undefined =>
  (
    prepared(db, 'SELECT id FROM draft WHERE corrects = ? AND signed_at IS NULL').get(signedId) as
      { id: string } | undefined
  )?.id;

export function insertDraft(
  db: WritableDb,
  d: { id: string; taskId: string; kind: FlowKind; snapshot: string; at: string; corrects?: string; reason?: string },
): void {
  prepared(
    db,
    'INSERT INTO draft (id, task_id, kind, snapshot, updated_at, corrects, correction_reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(d.id, d.taskId, d.kind, d.snapshot, d.at, d.corrects ?? null, d.reason ?? null);
}

export function saveDraftSnapshot(
  db: WritableDb,
  id: string,
  snapshot: string,
  at: string,
  signedAt: string | null,
): void {
  prepared(db, 'UPDATE draft SET snapshot = ?, updated_at = ?, signed_at = ? WHERE id = ?').run(
    snapshot,
    at,
    signedAt,
    id,
  );
}

/** A draft carried from another workstation: inserted, or its snapshot replaced. */
export function putCarriedDraft(
  db: WritableDb,
  d: { id: string; taskId: string; kind: FlowKind; snapshot: string; at: string; signedAt: string | null },
): void {
  prepared(
    db,
    `INSERT INTO draft (id, task_id, kind, snapshot, updated_at, signed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at, signed_at = excluded.signed_at`,
  ).run(d.id, d.taskId, d.kind, d.snapshot, d.at, d.signedAt);
}

/** The ids the signed record's resources got (JSON), so a correction sends new versions of the same ones. */
export const recordIdsOf = (db: ReadableDb, draftId: string): string | null =>
  (prepared(db, 'SELECT record_ids FROM draft WHERE id = ?').get(draftId) as { record_ids: string | null } | undefined)
    ?.record_ids ?? null;

export function setRecordIds(db: WritableDb, draftId: string, ids: string): void {
  prepared(db, 'UPDATE draft SET record_ids = ? WHERE id = ?').run(ids, draftId);
}
