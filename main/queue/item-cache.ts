import type { ReadableDb } from '../cache/db';
import type { QueueItem } from '../../shared/queue/queue-item';

/**
 * Queue items already derived from the cache, by task id. Typing a filter letter by letter asks
 * for mostly the same rows again, and deriving one (two reads, two parses, the deadline math)
 * cost ~45 µs: 4.5 ms of every 100-row page. An entry is dropped whenever the indexer touches
 * its Task (any write of the Task or of its resident); items read inside a transaction that may
 * still roll back are never kept.
 */
const limit = 5000;
const caches = new WeakMap<ReadableDb, Map<string, QueueItem>>();

const cache = (db: ReadableDb): Map<string, QueueItem> => {
  let found = caches.get(db);
  if (!found) caches.set(db, (found = new Map()));
  return found;
};

export const cachedItem = (db: ReadableDb, taskId: string): QueueItem | undefined => cache(db).get(taskId);

export function keepItem(db: ReadableDb, item: QueueItem): void {
  if (db.inTransaction) return;
  const items = cache(db);
  if (items.size >= limit) items.clear();
  // Shared by every later read: frozen, so no caller can change another's copy.
  items.set(item.id, Object.freeze(item));
}

export function forgetItem(db: ReadableDb, taskId: string): void {
  caches.get(db)?.delete(taskId);
}

export function forgetAllItems(db: ReadableDb): void {
  caches.get(db)?.clear();
}
