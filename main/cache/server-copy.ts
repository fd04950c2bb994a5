import type { Resource } from '@medplum/fhirtypes';
import type { Change } from '../../shared/protocol/sync';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';
import { writeResources } from './resources';

const cursorName = 'changes';

/** Where the change feed was last read up to (0: never). */
export const readCursor = (db: ReadableDb): number =>
  (prepared(db, 'SELECT seq FROM sync_cursor WHERE name = ?').get(cursorName) as { seq: number } | undefined)?.seq ?? 0;

/**
 * One page of the change feed and the cursor after it, in one transaction, so a crash resumes at
 * the last committed page. A resource with local changes still in the outbox keeps its local
 * body: the push decides, not the pull.
 */
export function applyServerPage(db: WritableDb, changes: readonly Change[], next: number): void {
  writeResources(
    db,
    'server',
    changes.map((c) =>
      c.deleted || !c.resource
        ? { deleted: { type: c.type, id: c.id } }
        : {
            resource: c.resource as unknown as Resource & { id: string },
            versionId: c.versionId,
            lastUpdated: c.lastUpdated,
            seq: c.seq,
            type: c.type,
            id: c.id,
          },
    ),
    () =>
      prepared(
        db,
        'INSERT INTO sync_cursor (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
      ).run(cursorName, next),
  );
}

/** What the backend just stored or answered (a claim, a conditional update), cached so the UI shows it at once. */
export function storeServerCopy(db: WritableDb, resource: Resource): void {
  if (resource.id) writeResources(db, 'server', [{ resource: resource as Resource & { id: string } }]);
}
