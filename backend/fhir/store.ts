import { randomUUID } from 'node:crypto';
import type { Resource, Task } from '@medplum/fhirtypes';
import type { Change } from '../../shared/protocol/sync';
import type { Db, Queryable } from '../db/db';
import { residentOf } from '../../shared/fhir/about';
import { noteHistoricHolders, noteHolders } from '../access/care-relationship';
import { appendAuditEvents } from '../audit/chain';
import { changeEvent } from '../audit/events';
import { FhirError, invalid, notFound } from './fhir-error';
import { fhirValidator } from './validator';

export interface Stored {
  resource: Resource;
  seq: number;
  versionId: number;
  deleted: boolean;
}

interface Row extends Record<string, unknown> {
  seq: string | number;
  type: string;
  id: string;
  version_id: number;
  last_updated: Date | string;
  deleted: boolean;
  body: Resource;
}

/**
 * The resident a resource is about: the one rule of shared/fhir/about.ts (subject, patient, a
 * Task's `for`, a Patient itself), and where only the backend stores such things, a Binary's
 * securityContext, an AuditEvent's first entity and an Appointment's participating resident.
 */
export function patientOf(resource: Resource): string | null {
  const shared = residentOf(resource);
  if (shared) return shared;
  const r = resource as { securityContext?: { reference?: string }; entity?: { what?: { reference?: string } }[] };
  const ref =
    r.securityContext?.reference ??
    (resource.resourceType === 'AuditEvent' ? r.entity?.[0]?.what?.reference : undefined) ??
    (resource.resourceType === 'Appointment'
      ? (resource.participant ?? []).find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference
      : undefined);
  return ref?.startsWith('Patient/') ? ref.slice(8) : null;
}

/** Who writes: a professional (with the device the token was issued to), a resident, or the backend itself. */
export interface Writer {
  /** Practitioner/…, Patient/…, or 'system' for seeding and the backend's own records. */
  agent: string;
  device?: string;
}
const systemWriter: Writer = { agent: 'system' };
export const asResident = (patientId: string): Writer => ({ agent: `Patient/${patientId}` });
export const asStaff = (staff: { sub: string; device: string }): Writer => ({
  agent: `Practitioner/${staff.sub}`,
  device: staff.device,
});

interface WriteContext {
  writer: Writer;
  /** One AuditEvent per change of a resident's data, appended to the chain before commit. */
  changes: { action: 'C' | 'U' | 'D'; reference: string; patientId: string }[];
}

const toStored = (row: Row): Stored => ({
  resource: row.body,
  seq: Number(row.seq),
  versionId: row.version_id,
  deleted: row.deleted,
});
const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;

/** All writes of one transaction hold this lock, so seq numbers become visible in commit order. */
const writeLock = 'SELECT pg_advisory_xact_lock(727001)';

export interface WriteOptions {
  /** Expected current version (If-Match); a mismatch is 412. */
  ifMatch?: number;
}

export class ResourceStore {
  private readonly validator = fhirValidator();
  private readonly contexts = new WeakMap<Queryable, WriteContext>();

  constructor(readonly db: Db) {}

  /**
   * Runs writes in one transaction under the write lock; all or nothing. Every version written
   * records its writer and device, and every change of a resident's data is audited in the same
   * transaction: no change without its AuditEvent.
   */
  write<T>(fn: (tx: Queryable) => Promise<T>, writer: Writer = systemWriter): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(writeLock);
      const context: WriteContext = { writer, changes: [] };
      this.contexts.set(tx, context);
      const result = await fn(tx);
      if (context.changes.length > 0)
        await appendAuditEvents(
          tx,
          this,
          context.changes.map((c) => changeEvent(writer, c.action, c.patientId, c.reference)),
        );
      return result;
    });
  }

  /**
   * Runs fn under a savepoint of a write transaction: when it throws, what it wrote (and the
   * AuditEvents it noted) is undone and the transaction goes on; a batch entry fails alone.
   */
  async savepoint<T>(tx: Queryable, fn: () => Promise<T>): Promise<T> {
    const context = this.contexts.get(tx);
    const noted = context?.changes.length ?? 0;
    await tx.query('SAVEPOINT kaari_entry');
    try {
      const result = await fn();
      await tx.query('RELEASE SAVEPOINT kaari_entry');
      return result;
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT kaari_entry');
      context?.changes.splice(noted);
      throw error;
    }
  }

  private noteChange(tx: Queryable, action: 'C' | 'U' | 'D', type: string, id: string, patientId: string | null): void {
    const context = this.contexts.get(tx);
    if (context && patientId && type !== 'AuditEvent')
      context.changes.push({ action, reference: `${type}/${id}`, patientId });
  }

  async read(q: Queryable, type: string, id: string): Promise<Stored> {
    const rows = await q.query<Row>('SELECT * FROM resource_current WHERE type = $1 AND id = $2', [type, id]);
    const row = rows[0];
    if (!row) throw notFound(`${type}/${id}`);
    if (row.deleted) throw new FhirError(410, 'deleted', `${type}/${id} was deleted`);
    return toStored(row);
  }

  async vread(q: Queryable, type: string, id: string, versionId: number): Promise<Stored> {
    const rows = await q.query<Row>('SELECT * FROM resource_version WHERE type = $1 AND id = $2 AND version_id = $3', [
      type,
      id,
      versionId,
    ]);
    if (!rows[0]) throw notFound(`${type}/${id}/_history/${versionId}`);
    return toStored(rows[0]);
  }

  /** Creates with a server-assigned id (or the given one inside a transaction Bundle). */
  async create(tx: Queryable, resource: Resource, id: string = randomUUID()): Promise<Stored> {
    return this.put(tx, { ...resource, id } as Resource, 0);
  }

  /** Update, or create with a client id when absent (FHIR update-as-create). */
  async update(
    tx: Queryable,
    type: string,
    id: string,
    resource: Resource,
    options: WriteOptions = {},
  ): Promise<Stored> {
    if (resource.resourceType !== type)
      throw invalid(`resourceType ${resource.resourceType} does not match the URL (${type})`);
    if (resource.id !== undefined && resource.id !== id)
      throw invalid(`id ${resource.id} does not match the URL (${id})`);
    const rows = await tx.query<{ version_id: number; deleted: boolean; owner: string | null }>(
      "SELECT version_id, deleted, body->'owner'->>'reference' AS owner FROM resource_current WHERE type = $1 AND id = $2 FOR UPDATE",
      [type, id],
    );
    const current = rows[0]?.version_id ?? 0;
    if (options.ifMatch !== undefined && options.ifMatch !== current) {
      throw new FhirError(412, 'conflict', `${type}/${id} is at version ${current}, not ${options.ifMatch}`);
    }
    return this.put(tx, { ...resource, id } as Resource, current, rows[0]?.owner ?? null);
  }

  /**
   * The If-Match check once more before taking the write lock: of many simultaneous conditional
   * writes (claims) one can win, and the rest learn it without queueing for the lock. The check
   * under the lock in update() stays the authority.
   */
  async precheckVersion(q: Queryable, type: string, id: string, ifMatch: number | undefined): Promise<void> {
    if (ifMatch === undefined) return;
    const rows = await q.query<{ version_id: number }>(
      'SELECT version_id FROM resource_current WHERE type = $1 AND id = $2',
      [type, id],
    );
    const current = rows[0]?.version_id ?? 0;
    if (current !== ifMatch)
      throw new FhirError(412, 'conflict', `${type}/${id} is at version ${current}, not ${ifMatch}`);
  }

  /** Deletes; deleting what is already deleted changes nothing and succeeds (FHIR 3.1.0.7.1). */
  async delete(tx: Queryable, type: string, id: string): Promise<void> {
    const rows = await tx.query<Row>('SELECT * FROM resource_current WHERE type = $1 AND id = $2 FOR UPDATE', [
      type,
      id,
    ]);
    if (!rows[0]) throw notFound(`${type}/${id}`);
    if (rows[0].deleted) return;
    const current = toStored(rows[0]);
    const seq = await this.nextSeq(tx);
    const versionId = current.versionId + 1;
    const now = new Date().toISOString();
    const body = { resourceType: type, id, meta: { versionId: String(versionId), lastUpdated: now } };
    const patientId = patientOf(current.resource);
    const writer = this.contexts.get(tx)?.writer ?? systemWriter;
    await tx.query(
      'INSERT INTO resource_version (seq, type, id, version_id, last_updated, deleted, body, patient_id, written_by, device_id) VALUES ($1,$2,$3,$4,$5,TRUE,$6,$7,$8,$9)',
      [seq, type, id, versionId, now, body, patientId, writer.agent, writer.device ?? null],
    );
    await tx.query(
      'UPDATE resource_current SET version_id=$3, seq=$4, last_updated=$5, deleted=TRUE, body=$6 WHERE type=$1 AND id=$2',
      [type, id, versionId, seq, now, body],
    );
    this.noteChange(tx, 'D', type, id, patientId);
    await tx.query("SELECT pg_notify('kaari_changes', $1)", [`${seq}:${type}:${patientId ?? ''}`]);
  }

  private async nextSeq(tx: Queryable): Promise<number> {
    const rows = await tx.query<{ seq: string }>("SELECT nextval('resource_seq') AS seq");
    return Number(rows[0]?.seq);
  }

  private async put(
    tx: Queryable,
    resource: Resource,
    currentVersion: number,
    previousOwner: string | null = null,
  ): Promise<Stored> {
    const id = resource.id ?? '';
    if (!idPattern.test(id)) throw invalid(`Invalid id ${id}`);
    const versionId = currentVersion + 1;
    const lastUpdated = new Date().toISOString();
    const body = { ...resource, meta: { ...resource.meta, versionId: String(versionId), lastUpdated } } as Resource;
    this.validator.assertValid(body);
    const seq = await this.nextSeq(tx);
    const patientId = patientOf(body);
    const writer = this.contexts.get(tx)?.writer ?? systemWriter;
    const params = [seq, resource.resourceType, id, versionId, lastUpdated, body, patientId];
    await tx.query(
      'INSERT INTO resource_version (seq, type, id, version_id, last_updated, body, patient_id, written_by, device_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [...params, writer.agent, writer.device ?? null],
    );
    await tx.query(
      `INSERT INTO resource_current (seq, type, id, version_id, last_updated, body, patient_id) VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (type, id) DO UPDATE SET seq = $1, version_id = $4, last_updated = $5, body = $6, deleted = FALSE, patient_id = $7`,
      params,
    );
    if (resource.resourceType === 'Task') await noteHolders(tx, patientId, body as Task, previousOwner);
    this.noteChange(tx, currentVersion === 0 ? 'C' : 'U', resource.resourceType, id, patientId);
    // The resident's id rides along so the resident client hears only about its own data.
    await tx.query("SELECT pg_notify('kaari_changes', $1)", [`${seq}:${resource.resourceType}:${patientId ?? ''}`]);
    return { resource: body, seq, versionId, deleted: false };
  }

  /**
   * Bulk path for seeding and imports of resources that do not exist yet: validated like every
   * write, inserted with two statements per batch instead of five per resource.
   */
  async importNew(tx: Queryable, resources: readonly Resource[]): Promise<number> {
    if (resources.length === 0) return 0;
    const lastUpdated = new Date().toISOString();
    const bodies = resources.map((r) => {
      if (!idPattern.test(r.id ?? '')) throw invalid(`Invalid id ${r.id}`);
      const body = { ...r, meta: { ...r.meta, versionId: '1', lastUpdated } } as Resource;
      this.validator.assertValid(body);
      return body;
    });
    const writer = this.contexts.get(tx)?.writer ?? systemWriter;
    await tx.query(
      `WITH input AS (
         SELECT nextval('resource_seq') AS seq, x->'b'->>'resourceType' AS type, x->'b'->>'id' AS id, x->'b' AS body, x->>'p' AS patient_id
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(x, n) ORDER BY n
       ), v AS (
         INSERT INTO resource_version (seq, type, id, version_id, last_updated, body, patient_id, written_by)
         SELECT seq, type, id, 1, $2::timestamptz, body, patient_id, $3 FROM input
       )
       INSERT INTO resource_current (seq, type, id, version_id, last_updated, body, patient_id)
       SELECT seq, type, id, 1, $2::timestamptz, body, patient_id FROM input`,
      [JSON.stringify(bodies.map((b) => ({ b, p: patientOf(b) }))), lastUpdated, writer.agent],
    );
    // Imported history (the demo county) dates its relationships by when the contact was last handled.
    await noteHistoricHolders(
      tx,
      bodies.filter((b): b is Task => b.resourceType === 'Task').map((task) => ({ patientId: patientOf(task), task })),
    );
    // One type (the audit log's group commit) is named, so listeners that need not hear of it are not woken.
    const types = new Set(bodies.map((b) => b.resourceType));
    const type = types.size === 1 ? [...types][0] : '*';
    await tx.query("SELECT pg_notify('kaari_changes', (SELECT max(seq)::text FROM resource_current) || ':' || $1)", [
      type,
    ]);
    return bodies.length;
  }

  /** Versions newest first: of some types (or one resource), before a seq cursor, since an instant. */
  async history(
    q: Queryable,
    of: { types: readonly string[]; id?: string; count: number; before?: number; since?: string },
  ): Promise<Stored[]> {
    const params: unknown[] = [of.types];
    let where = 'type = ANY($1)';
    if (of.id !== undefined) where += ` AND id = $${params.push(of.id)}`;
    if (of.before !== undefined) where += ` AND seq < $${params.push(of.before)}`;
    if (of.since !== undefined) where += ` AND last_updated >= $${params.push(of.since)}::timestamptz`;
    const rows = await q.query<Row>(
      `SELECT * FROM resource_version WHERE ${where} ORDER BY seq DESC LIMIT $${params.push(of.count)}`,
      params,
    );
    return rows.map(toStored);
  }

  /**
   * The current version of everything changed after a cursor, in commit order (the sync feed
   * narrows it per professional). The access log is not synced to any laptop: it is read where it
   * is kept (the team lead's review, the resident's own log).
   */
  async changedAfter(q: Queryable, after: number, limit: number): Promise<Stored[]> {
    const rows = await q.query<Row>(
      "SELECT * FROM resource_current WHERE seq > $1 AND type <> 'AuditEvent' ORDER BY seq LIMIT $2",
      [after, limit],
    );
    return rows.map(toStored);
  }

  /** Everything current about one resident. */
  async aboutResident(q: Queryable, patientId: string): Promise<Stored[]> {
    const rows = await q.query<Row>(
      'SELECT * FROM resource_current WHERE patient_id = $1 AND NOT deleted ORDER BY seq',
      [patientId],
    );
    return rows.map(toStored);
  }

  async latestSeq(q: Queryable): Promise<number> {
    const rows = await q.query<{ latest: string | null }>('SELECT max(seq) AS latest FROM resource_current');
    return Number(rows[0]?.latest ?? 0);
  }
}

/** A stored version as the sync feed carries it. */
export function toChange(stored: Stored): Change {
  const meta = stored.resource.meta;
  return {
    seq: stored.seq,
    type: stored.resource.resourceType,
    id: stored.resource.id ?? '',
    versionId: String(stored.versionId),
    lastUpdated: meta?.lastUpdated ?? new Date(0).toISOString(),
    deleted: stored.deleted,
    resource: stored.deleted ? null : (stored.resource as unknown as Record<string, unknown>),
  };
}
