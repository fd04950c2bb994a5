import type { Binary } from '@medplum/fhirtypes';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';
import { onWritten, writeResources } from './resources';

const tracked = new WeakSet<WritableDb>();

/**
 * Keeps `photo_cache` in step with every Binary the cache writes or drops, in the same
 * transaction (as the queue index does): the budget then weighs photos without reading them.
 */
export function trackPhotoCache(db: WritableDb): void {
  if (tracked.has(db)) return;
  tracked.add(db);
  onWritten(db, (_db, written) => {
    for (const r of written.resources) {
      if (r.type !== 'Binary' || r.resource === undefined) continue;
      if (r.resource === null) prepared(db, 'DELETE FROM photo_cache WHERE binary_id = ?').run(r.id);
      else
        prepared(
          db,
          `INSERT INTO photo_cache (binary_id, bytes, viewed_at) SELECT id, length(body), ? FROM resource WHERE type = 'Binary' AND id = ?
           ON CONFLICT (binary_id) DO UPDATE SET bytes = excluded.bytes`,
        ).run(new Date().toISOString(), r.id);
    }
  });
}

/** The photo was shown: it is the last to be pruned. */
export function markPhotoViewed(db: WritableDb, binaryId: string, at = new Date()): void {
  prepared(db, 'UPDATE photo_cache SET viewed_at = ? WHERE binary_id = ?').run(at.toISOString(), binaryId);
}

export const cachedPhotoBytes = (db: ReadableDb): number =>
  (prepared(db, 'SELECT coalesce(sum(bytes), 0) AS n FROM photo_cache').get() as { n: number }).n;

/**
 * Brings the cached photos under `budgetBytes` by dropping the least recently viewed copies of
 * the backend's photos (a photo taken here and not yet sent is never dropped). A dropped photo
 * is fetched again when opened (main/resident/photo.ts). Returns how many were dropped.
 */
export function prunePhotos(db: WritableDb, budgetBytes: number): number {
  let total = cachedPhotoBytes(db);
  if (total <= budgetBytes) return 0;
  const candidates = prepared(
    db,
    `SELECT p.binary_id AS id, p.bytes AS bytes FROM photo_cache p
     JOIN resource r ON r.type = 'Binary' AND r.id = p.binary_id AND r.local = 0
     ORDER BY p.viewed_at, p.binary_id`,
  ).iterate() as IterableIterator<{ id: string; bytes: number }>;
  const drop: string[] = [];
  for (const c of candidates) {
    if (total <= budgetBytes) break;
    drop.push(c.id);
    total -= c.bytes;
  }
  writeResources(
    db,
    'server',
    drop.map((id) => ({ deleted: { type: 'Binary', id } })),
  );
  return drop.length;
}

/** A photo fetched again from the backend after it was pruned: stored as the backend's copy. */
export function storeFetchedPhoto(db: WritableDb, binary: Binary & { id: string }): void {
  writeResources(db, 'server', [
    {
      resource: binary,
      versionId: binary.meta?.versionId ?? '1',
      lastUpdated: binary.meta?.lastUpdated ?? new Date().toISOString(),
    },
  ]);
}
