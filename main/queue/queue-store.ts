import type { Patient, Task } from '@medplum/fhirtypes';
import { type QueueItem, residentIdOf, searchQuery, toQueueItem } from '../../shared/queue/queue-item';
import type { QueueFilter, QueueViewer } from '../../shared/queue/routing';
import type { ReadableDb } from '../cache/db';
import { queueKeysPage, staffLanguages, taskIdsAbout, unreadInThread } from '../cache/queue-table';
import { readResource } from '../cache/resources';
import { cachedItem, keepItem } from './item-cache';
import { readPatient } from './queue-index';
import { pageOfKeys } from './queue-order';

export interface QueueQuery {
  /** Skill routing (shared/queue/routing.ts); null shows everything. */
  viewer: QueueViewer | null;
  /** The user's own filters (urgency, kind, language, holder); urgent contacts pass them all. */
  filter?: QueueFilter | null;
  /** Who "mine" means in the filter (defaults to the viewer). */
  me?: string | null;
  text: string;
  offset: number;
  limit: number;
}

export interface QueuePage {
  items: QueueItem[];
  /** Open contacts in the whole queue, and those passing the filters. */
  total: number;
  matching: number;
}

/**
 * The items shown, derived from the cached Task and resident when read (the index holds only
 * keys): a page is 100 rows, and what is shown is always the cache as it is now.
 */
function itemsOf(db: ReadableDb, taskIds: readonly string[]): QueueItem[] {
  const patients = new Map<string, Patient | undefined>();
  return taskIds.flatMap((id) => {
    const cached = cachedItem(db, id);
    if (cached) return [cached];
    const t = readResource<Task>(db, 'Task', id);
    if (!t) return [];
    const residentId = residentIdOf(t);
    if (!patients.has(residentId)) patients.set(residentId, readPatient(db, residentId));
    const item = toQueueItem(t, patients.get(residentId));
    keepItem(db, item);
    return [item];
  });
}

/**
 * Unread resident messages per item of one page, through the index of whom resources are
 * about, so a nurse with several chats sees where someone wrote.
 */
function withUnread(db: ReadableDb, items: QueueItem[]): QueueItem[] {
  return items.map((item) => {
    const n = unreadInThread(db, item.resident.id, item.id);
    return n > 0 ? { ...item, unread: n } : item;
  });
}

/**
 * One page of the open queue in queue order (urgency, deadline, oldest): from the keys in
 * memory, or right after start, before they are read, straight from the table.
 */
export function queryQueue(db: ReadableDb, query: QueueQuery): QueuePage {
  const text = searchQuery(query.text);
  const filter = query.filter ?? null;
  const me = query.me ?? query.viewer?.id ?? null;
  const keys = { viewer: query.viewer, filter, me, text, offset: query.offset, limit: query.limit };
  const page = pageOfKeys(db, keys) ?? queueKeysPage(db, keys);
  return { items: marked(db, query.viewer, itemsOf(db, page.ids)), total: page.total, matching: page.matching };
}

/** Per page: unread messages and whether an interpreter is needed (no one in the directory, nor the viewer, serves the language). */
function marked(db: ReadableDb, viewer: QueueViewer | null, items: QueueItem[]): QueueItem[] {
  const served = new Set([...staffLanguages(db), ...(viewer?.languages ?? [])]);
  // Nothing known about the staff yet (directory not synced): no mark rather than a mark on all.
  return withUnread(db, items).map((item) =>
    served.size === 0 || served.has(item.resident.language) ? item : { ...item, interpreterNeeded: true },
  );
}

/** A contact as the queue shows it, open or closed. */
export const queueItem = (db: ReadableDb, taskId: string): QueueItem | null => itemsOf(db, [taskId])[0] ?? null;

/** The resident's contacts in the cache (open and closed), newest first, through the subject index. */
export function residentContacts(db: ReadableDb, residentId: string, limit = 20): QueueItem[] {
  return itemsOf(db, taskIdsAbout(db, residentId))
    .sort((a, b) => (a.contactAt < b.contactAt ? 1 : a.contactAt > b.contactAt ? -1 : 0))
    .slice(0, limit);
}
