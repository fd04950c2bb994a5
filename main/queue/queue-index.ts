import type { Patient, Task } from '@medplum/fhirtypes';
import { type QueueKeys, queueKeys, residentIdOf } from '../../shared/queue/queue-item';
import { openStatuses } from '../../shared/queue/task-conventions';
import type { ReadableDb, WritableDb } from '../cache/db';
import { putQueueKeys, queueIndexBuiltVersion, rebuildQueueTable } from '../cache/queue-table';
import { type Written, onWritten, readAbout, readAllOfType, readResource } from '../cache/resources';
import { invalidateQueueKeys, touchQueueKey } from './queue-order';

/** Bump when queueKeys' derivation changes: caches then rebuild their index once. */
export const queueIndexVersion = 2;

/** A resident from the cache, parsed (undefined when not cached). */
export const readPatient = (db: ReadableDb, id: string): Patient | undefined =>
  readResource<Patient>(db, 'Patient', id) ?? undefined;

/** Residents kept between writes; past this many the map starts over. */
const patientLimit = 50_000;

/**
 * Keeps the queue index in step with the cache: it listens to every write of the cache and
 * writes the keys of the Tasks it touched inside that write's transaction, so the two never
 * disagree. Residents are looked up once across a whole sync (a county's 100,000 contacts
 * belong to a tenth as many residents, each lookup parses a Patient), and each Task's row is
 * written once per write, in its last state.
 */
class QueueIndexer {
  /** Per task id, its keys to write or null to remove; only the last state of a write counts. */
  private readonly pending = new Map<string, QueueKeys | null>();
  private readonly patients = new Map<string, Patient | undefined>();

  constructor(private readonly db: WritableDb) {}

  private patient(id: string): Patient | undefined {
    if (!this.patients.has(id)) {
      if (this.patients.size >= patientLimit) this.patients.clear();
      this.patients.set(id, readPatient(this.db, id));
    }
    return this.patients.get(id);
  }

  /** Only open Tasks are queued; a closed one leaves the index. */
  private task(task: Task & { id: string }, patient: Patient | undefined): void {
    touchQueueKey(this.db, task.id);
    this.pending.set(task.id, openStatuses.includes(task.status) ? queueKeys(task, patient) : null);
  }

  /** A resource as just written to the cache (null: deleted). */
  private index(resource: { resourceType: string; id?: string } | null, type: string, id: string): void {
    if (type === 'Task') {
      if (resource) this.task(resource as Task & { id: string }, this.patient(residentIdOf(resource as Task)));
      else {
        touchQueueKey(this.db, id);
        this.pending.set(id, null);
      }
    } else if (type === 'Patient') {
      this.patients.set(id, (resource as Patient | null) ?? undefined);
      if (!resource) return;
      // A resident's name or language changed (or arrived after their Tasks): refresh their open items.
      for (const task of readAbout<Task & { id: string }>(this.db, id, 'Task')) this.task(task, resource as Patient);
    }
  }

  written({ origin, resources }: Written): void {
    // A local change may roll back after this; a resident read again costs little.
    if (origin !== 'server') this.patients.clear();
    const relevant = resources.filter((r) => r.type === 'Task' || r.type === 'Patient');
    if (!relevant.length) return;
    // Indexed once the whole write is in the cache, so a resident and their contacts in one page agree.
    for (const r of relevant)
      this.index(r.resource === undefined ? readResource(this.db, r.type, r.id) : r.resource, r.type, r.id);
    putQueueKeys(this.db, this.pending);
    this.pending.clear();
  }

  /** Every cached Task, from scratch. */
  rebuild(): void {
    for (const task of readAllOfType<Task & { id: string }>(this.db, 'Task')) this.index(task, 'Task', task.id);
    putQueueKeys(this.db, this.pending);
    this.pending.clear();
  }
}

const attached = new WeakMap<WritableDb, QueueIndexer>();

/**
 * Keeps this cache's queue index in step with every write from now on, after rebuilding it when
 * it was built by another derivation version (or never). Called at sign-in.
 */
export function ensureQueueIndex(db: WritableDb): void {
  let indexer = attached.get(db);
  if (!indexer) {
    const created = new QueueIndexer(db);
    indexer = created;
    attached.set(db, created);
    onWritten(db, (_db, written) => created.written(written));
  }
  if (queueIndexBuiltVersion(db) === queueIndexVersion) return;
  invalidateQueueKeys(db);
  const rebuilding = indexer;
  rebuildQueueTable(db, queueIndexVersion, () => rebuilding.rebuild());
}
