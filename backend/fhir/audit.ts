import type { AuditEvent } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { AccessUpload, AccessUploadResult } from '../../shared/protocol/access-log';
import type { ResourceStore } from './store';

export type AuditAction = 'read' | 'vread' | 'search-type' | 'history-instance' | 'history-type' | 'sync' | 'create';

/** One AuditEvent per request that read patient data: who, when, what (up to 200 references). */
function readEvent(agent: string, action: AuditAction, references: readonly string[]): AuditEvent {
  return {
    id: randomUUID(),
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: action === 'sync' ? 'history-system' : action }],
    action: action === 'create' ? 'C' : 'R',
    recorded: new Date().toISOString(),
    outcome: '0',
    agent: [{ who: { reference: agent }, requestor: true }],
    source: { observer: { display: 'Kaari regional backend' } },
    entity: references.slice(0, 200).map((reference) => ({ what: { reference } })),
  };
}

interface Pending {
  /** Practitioner/… for staff, Patient/… for a resident reading their own data. */
  agent: string;
  action: AuditAction;
  references: readonly string[];
  done: { resolve: () => void; reject: (error: unknown) => void };
}

/**
 * Group commit for read audits. Every write holds the store's global lock through its commit,
 * so one transaction per read capped reads at the disk's commit rate. Reads arriving while a
 * batch commits wait for the next one: each request still answers only after its AuditEvent is
 * durable, but a hundred reads share one lock, one bulk insert and one commit.
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
        await store.write((tx) => store.importNew(tx, batch.map((p) => readEvent(p.agent, p.action, p.references))));
        for (const p of batch) p.done.resolve();
      } catch (error) {
        for (const p of batch) p.done.reject(error);
      }
    }
    flushing = false;
  };
  const recordAs = (agent: string, action: AuditAction, references: readonly string[]): Promise<void> => {
    if (references.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      queue.push({ agent, action, references, done: { resolve, reject } });
      if (!flushing) void flush();
    });
  };
  return {
    record: (staffId: string, action: AuditAction, references: readonly string[]) => recordAs(`Practitioner/${staffId}`, action, references),
    /** A resident's reads of their own data are logged too, with the resident as the agent. */
    recordResident: (patientId: string, action: AuditAction, references: readonly string[]) => recordAs(`Patient/${patientId}`, action, references),
  };
}

/**
 * Reads the workstation did from its own cache, uploaded later: recorded as AuditEvents of the
 * uploading user (never of whoever the body names), at the time the workstation logged them.
 */
export async function recordWorkstationReads(store: ResourceStore, staffId: string, device: string, upload: AccessUpload): Promise<AccessUploadResult> {
  return store.write(async (tx) => {
    const ids = upload.entries.map((e) => e.id);
    const seen = new Set((await tx.query<{ id: string }>("SELECT id FROM resource_current WHERE type = 'AuditEvent' AND id = ANY($1)", [ids])).map((r) => r.id));
    const fresh = upload.entries.filter((e) => !seen.has(e.id));
    await store.importNew(
      tx,
      fresh.map((e) => ({
        ...readEvent(`Practitioner/${staffId}`, 'read', e.references),
        id: e.id,
        recorded: e.at,
        subtype: [{ system: 'urn:kaari:workstation-action', code: e.action }],
        source: { observer: { display: `Kaari workstation ${device}` } },
      })),
    );
    return { recorded: fresh.length, alreadyRecorded: seen.size };
  });
}
