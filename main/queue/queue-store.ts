import type { Patient, Resource, Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { type QueueItem, kindOfSearch, residentIdOf, searchQuery, toQueueItem } from '../../shared/queue/queue-item';
import { type QueueFilter, type QueueViewer, type RoutingKeys, routeFor } from '../../shared/queue/routing';
import { aboutOf } from '../cache/about';
import { prepared } from '../cache/prepared';
import { writeServerCopy } from '../cache/server-copy';
import { cachedItem, keepItem } from './item-cache';
import { readPatient, reindexFromCache } from './queue-index';
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
function itemsOf(db: Database.Database, taskIds: readonly string[]): QueueItem[] {
  const task = prepared(db, "SELECT body FROM resource WHERE type = 'Task' AND id = ?");
  const patients = new Map<string, Patient | undefined>();
  return taskIds.flatMap((id) => {
    const cached = cachedItem(db, id);
    if (cached) return [cached];
    const row = task.get(id) as { body: string } | undefined;
    if (!row) return [];
    const t = JSON.parse(row.body) as Task;
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
function withUnread(db: Database.Database, items: QueueItem[]): QueueItem[] {
  const count = db.prepare(
    `SELECT count(*) AS n FROM resource INDEXED BY resource_about
     WHERE about = ? AND type = 'Communication'
       AND json_extract(body, '$.received') IS NULL AND json_extract(body, '$.sender.reference') LIKE 'Patient/%'
       AND EXISTS (SELECT 1 FROM json_each(body, '$.basedOn') WHERE json_extract(value, '$.reference') = ?)`,
  );
  return items.map((item) => {
    const n = (count.get(`Patient/${item.resident.id}`, `Task/${item.id}`) as { n: number }).n;
    return n > 0 ? { ...item, unread: n } : item;
  });
}

/** One page of the open queue in queue order (urgency, deadline, oldest). */
export function queryQueue(db: Database.Database, query: QueueQuery): QueuePage {
  const text = searchQuery(query.text);
  const filter = query.filter ?? null;
  const me = query.me ?? query.viewer?.id ?? null;
  const page = pageOfKeys(db, { viewer: query.viewer, filter, me, text, offset: query.offset, limit: query.limit }) ?? queryQueueSql(db, { ...query, filter, me, text });
  return { items: marked(db, query.viewer, itemsOf(db, page.ids)), total: page.total, matching: page.matching };
}

const withRouting = new WeakMap<Database.Database, Map<string, (keys: RoutingKeys) => boolean>>();

/** Registers kaari_routes on this connection once; returns the key SQL passes for this viewer and filter. */
function routingFunction(db: Database.Database, viewer: QueueViewer | null, filter: QueueFilter | null, me: string | null): string {
  let viewers = withRouting.get(db);
  if (!viewers) {
    const known = new Map<string, (keys: RoutingKeys) => boolean>();
    viewers = known;
    withRouting.set(db, known);
    db.function('kaari_routes', { deterministic: true }, (key, holderId, profession, language, theme, rank, search) =>
      known.get(String(key))?.({
        holderId: holderId as string | null,
        profession: String(profession),
        language: String(language),
        theme: String(theme),
        rank: Number(rank),
        kind: kindOfSearch(String(search)),
      })
        ? 1
        : 0,
    );
  }
  const key = JSON.stringify([viewer, filter, me]);
  if (!viewers.has(key)) viewers.set(key, routeFor(viewer, filter, me));
  return key;
}

/** The same page straight from the table: right after start, before the keys are in memory. */
function queryQueueSql(db: Database.Database, query: QueueQuery & { filter: QueueFilter | null; me: string | null }): { ids: string[]; total: number; matching: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.viewer || query.filter) {
    // The routing rule itself, called from SQL: no second copy of it to keep in step.
    where.push('kaari_routes(?, holder_id, profession, language, theme, urgency_rank, search)');
    params.push(routingFunction(db, query.viewer, query.filter, query.me));
  }
  if (query.text) {
    where.push("search LIKE ? ESCAPE '\\'");
    params.push(`%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare('SELECT count(*) AS n FROM queue_item').get() as { n: number }).n;
  const matching = where.length === 0 ? total : (db.prepare(`SELECT count(*) AS n FROM queue_item ${clause}`).get(...params) as { n: number }).n;
  // The table is stored in queue order (its primary key), so this reads the page in place.
  const rows = db
    .prepare(`SELECT task_id FROM queue_item ${clause} ORDER BY urgency_rank, deadline, contact_at, task_id LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset) as { task_id: string }[];
  return { ids: rows.map((r) => r.task_id), total, matching };
}

/**
 * The languages the staff directory serves (Practitioner.communication, synced with the
 * directory) and the viewer's own: a contact in none of them needs an interpreter.
 */
function servedLanguages(db: Database.Database, viewer: QueueViewer | null): Set<string> {
  const staff = db
    .prepare("SELECT DISTINCT json_extract(c.value, '$.coding[0].code') FROM resource, json_each(resource.body, '$.communication') AS c WHERE resource.type = 'Practitioner'")
    .pluck()
    .all() as (string | null)[];
  return new Set([...staff.filter((l): l is string => typeof l === 'string'), ...(viewer?.languages ?? [])]);
}

/** Per page: unread messages and whether an interpreter is needed. */
function marked(db: Database.Database, viewer: QueueViewer | null, items: QueueItem[]): QueueItem[] {
  const served = servedLanguages(db, viewer);
  // Nothing known about the staff yet (directory not synced): no mark rather than a mark on all.
  return withUnread(db, items).map((item) => (served.size === 0 || served.has(item.resident.language) ? item : { ...item, interpreterNeeded: true }));
}

/** A contact as the queue shows it, open or closed. */
export const queueItem = (db: Database.Database, taskId: string): QueueItem | null => itemsOf(db, [taskId])[0] ?? null;

/** The resident's contacts in the cache (open and closed), newest first, through the subject index. */
export function residentContacts(db: Database.Database, residentId: string, limit = 20): QueueItem[] {
  const ids = db.prepare("SELECT id FROM resource INDEXED BY resource_about WHERE about = ? AND type = 'Task'").pluck().all(`Patient/${residentId}`) as string[];
  return itemsOf(db, ids)
    .sort((a, b) => (a.contactAt < b.contactAt ? 1 : a.contactAt > b.contactAt ? -1 : 0))
    .slice(0, limit);
}

/** A resource the backend just accepted, written to the cache so the UI shows it at once. */
export function storeAccepted(db: Database.Database, resource: Task | Resource): void {
  const write = db.transaction(() => {
    db.prepare(
      `INSERT INTO resource (type, id, version_id, last_updated, seq, body, about) VALUES (?, ?, ?, ?, 0, ?, ?)
       ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated, body = excluded.body, about = excluded.about
       WHERE resource.local = 0`,
    ).run(resource.resourceType, resource.id, resource.meta?.versionId ?? '0', resource.meta?.lastUpdated ?? new Date().toISOString(), JSON.stringify(resource), aboutOf(resource));
    reindexFromCache(db, resource.resourceType, resource.id ?? '');
  });
  writeServerCopy(db, write);
}
