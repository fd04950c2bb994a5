import type { AuditEvent } from '@medplum/fhirtypes';
import type { AccessUpload, AccessUploadResult } from '../../shared/protocol/access-log';
import { FhirError } from '../fhir/fhir-error';
import type { ResourceStore } from '../fhir/store';
import type { Queryable } from '../db/db';
import { appendAuditEvents } from './chain';
import { type Agent, type AuditAction, byResident, readEvent } from './events';

export type { AuditAction } from './events';

/** A resource read, and the resident it is about (null for directory and templates: not audited). */
export interface ReadItem {
  reference: string;
  patientId: string | null;
}

interface Pending {
  events: AuditEvent[];
  done: { resolve: () => void; reject: (error: unknown) => void };
}

/**
 * Group commit for read audits. Every write holds the store's global lock through its commit,
 * so one transaction per read capped reads at the disk's commit rate. Reads arriving while a
 * batch commits wait for the next one: each request still answers only after its AuditEvents are
 * durable and chained, but a hundred reads share one lock, one bulk insert and one commit.
 */
export type AuditLog = ReturnType<typeof createAuditLog>;

export function createAuditLog(store: ResourceStore) {
  let queue: Pending[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await store.write((tx) =>
          appendAuditEvents(
            tx,
            store,
            batch.flatMap((p) => p.events),
          ),
        );
        for (const p of batch) p.done.resolve();
      } catch (error) {
        for (const p of batch) p.done.reject(error);
      }
    }
    flushing = false;
  };
  const enqueue = (events: AuditEvent[]): Promise<void> => {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      queue.push({ events, done: { resolve, reject } });
      if (!flushing) void flush();
    });
  };
  /** One event per resident whose data the request read: a search of N residents logs N. */
  const record = (who: Agent, action: AuditAction, items: readonly ReadItem[], reason?: string) =>
    enqueue(
      [...byResident(items)].map(([patientId, references]) => readEvent(who, action, patientId, references, reason)),
    );
  return {
    record,
    /** A resident's reads of their own data are logged too, with the resident as the agent. */
    recordResident: (patientId: string, action: AuditAction, references: readonly string[]) =>
      record(
        { agent: `Patient/${patientId}` },
        action,
        references.map((reference) => ({ reference, patientId })),
      ),
  };
}

/** How far a workstation's clock may be from ours when it logged a read. */
const clockSkewMs = 2 * 60_000;

/**
 * Reads the workstation did from its own cache, uploaded later: recorded as AuditEvents of the
 * uploading user (never of whoever the body names), at the time the workstation logged them, and
 * only for times inside one of her sessions on that device: a back-dated or future entry is
 * refused whole (400), nothing recorded.
 */
export async function recordWorkstationReads(
  store: ResourceStore,
  staffId: string,
  device: string,
  upload: AccessUpload,
): Promise<AccessUploadResult> {
  const sessions = await store.db.query<{ started: Date | string; ended: Date | string | null }>(
    'SELECT started_at AS started, ended_at AS ended FROM staff_session WHERE staff_id = $1 AND device_id = $2',
    [staffId, device],
  );
  const now = Date.now();
  const inSession = (at: number) =>
    sessions.some(
      (s) =>
        at >= new Date(s.started).getTime() - clockSkewMs &&
        at <= Math.min(s.ended ? new Date(s.ended).getTime() : now, now) + clockSkewMs,
    );
  const outside = upload.entries.find((e) => !inSession(Date.parse(e.at)));
  if (outside)
    throw new FhirError(
      400,
      'invalid',
      `Entry ${outside.id} is dated ${outside.at}, outside any of your sessions on this device`,
    );
  return store.write(async (tx) => {
    const ids = upload.entries.map((e) => e.id);
    const seen = new Set(
      (
        await tx.query<{ id: string }>("SELECT id FROM resource_current WHERE type = 'AuditEvent' AND id = ANY($1)", [
          ids,
        ])
      ).map((r) => r.id),
    );
    const fresh = upload.entries.filter((e) => !seen.has(e.id));
    const patients = await residentsOf(
      tx,
      fresh.flatMap((e) => e.references),
    );
    const events: AuditEvent[] = [];
    for (const e of fresh) {
      const residents = [
        ...byResident(e.references.map((reference) => ({ reference, patientId: patients.get(reference) ?? null }))),
      ];
      // The entry's id is the first event's, so a retried upload is recognised; further residents get derived ids.
      residents.forEach(([patientId, references], index) => {
        events.push({
          ...readEvent({ agent: `Practitioner/${staffId}`, device }, 'read', patientId, references),
          id: index === 0 ? e.id : `${e.id}-${index}`,
          recorded: e.at,
          subtype: [{ system: 'urn:kaari:workstation-action', code: e.action }],
        });
      });
    }
    await appendAuditEvents(tx, store, events);
    return { recorded: fresh.length, alreadyRecorded: seen.size };
  });
}

/** Whom each referenced resource is about, as the backend stored it (the workstation's word is not taken). */
async function residentsOf(q: Queryable, references: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(references)];
  if (unique.length === 0) return new Map();
  const split = unique.map((r) => r.split('/'));
  const rows = await q.query<{ ref: string; patient_id: string }>(
    `SELECT r.type || '/' || r.id AS ref, r.patient_id FROM unnest($1::text[], $2::text[]) AS u(type, id)
     JOIN resource_current r ON r.type = u.type AND r.id = u.id WHERE r.patient_id IS NOT NULL`,
    [split.map((p) => p[0] ?? ''), split.map((p) => p[1] ?? '')],
  );
  return new Map(rows.map((r) => [r.ref, r.patient_id]));
}
