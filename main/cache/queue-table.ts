import { type QueueKeys, kindOfSearch } from '../../shared/queue/queue-item';
import { type QueueFilter, type QueueViewer, type RoutingKeys, routeFor } from '../../shared/queue/routing';
import type { ReadableDb, WritableDb } from './db';
import { prepared } from './prepared';

/**
 * The `queue_item` table: the open queue's sort, routing and search keys, stored in queue order
 * (its primary key), written by the queue indexer inside the transaction of each cache write.
 */
export interface QueueKeyRow {
  id: string;
  rank: number;
  deadline: string;
  contactAt: string;
  holderId: string | null;
  profession: string;
  language: string;
  theme: string;
  kind: string;
  search: string;
}

type Row = {
  task_id: string;
  urgency_rank: number;
  deadline: string;
  contact_at: string;
  holder_id: string | null;
  profession: string;
  language: string;
  theme: string;
  search: string;
};
const toKey = (r: Row): QueueKeyRow => ({
  id: r.task_id,
  rank: r.urgency_rank,
  deadline: r.deadline,
  contactAt: r.contact_at,
  holderId: r.holder_id,
  profession: r.profession,
  language: r.language,
  theme: r.theme,
  kind: kindOfSearch(r.search),
  search: r.search,
});
const columns = 'task_id, urgency_rank, deadline, contact_at, holder_id, profession, language, theme, search';
const order = 'urgency_rank, deadline, contact_at, task_id';

const upsertSql = `INSERT INTO queue_item (urgency_rank, deadline, contact_at, task_id, holder_id, profession, language, theme, search)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (task_id) DO UPDATE SET urgency_rank = excluded.urgency_rank, deadline = excluded.deadline, contact_at = excluded.contact_at,
    holder_id = excluded.holder_id, profession = excluded.profession, language = excluded.language, theme = excluded.theme, search = excluded.search`;

/** Writes (or, for null, removes) the keys of these tasks. */
export function putQueueKeys(db: WritableDb, keys: ReadonlyMap<string, QueueKeys | null>): void {
  const upsert = prepared(db, upsertSql);
  const remove = prepared(db, 'DELETE FROM queue_item WHERE task_id = ?');
  for (const [id, k] of keys) {
    if (k) upsert.run(k.rank, k.deadline, k.contactAt, k.id, k.holderId, k.profession, k.language, k.theme, k.search);
    else remove.run(id);
  }
}

const versionName = 'queue_index_version';

export const queueIndexBuiltVersion = (db: ReadableDb): number | undefined =>
  (prepared(db, 'SELECT seq FROM sync_cursor WHERE name = ?').get(versionName) as { seq: number } | undefined)?.seq;

/** Rebuilds the table from scratch with `fill` (which writes through putQueueKeys), in one transaction. */
export function rebuildQueueTable(db: WritableDb, version: number, fill: () => void): void {
  db.transaction(() => {
    prepared(db, 'DELETE FROM queue_item').run();
    fill();
    prepared(
      db,
      'INSERT INTO sync_cursor (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
    ).run(versionName, version);
  })();
}

/** Keys in queue order, `limit` at a time after `after` (keyset paging on the covering index). */
export function queueKeysAfter(db: ReadableDb, after: QueueKeyRow | undefined, limit: number): QueueKeyRow[] {
  const rows = after
    ? prepared(db, `SELECT ${columns} FROM queue_item WHERE (${order}) > (?, ?, ?, ?) ORDER BY ${order} LIMIT ?`).all(
        after.rank,
        after.deadline,
        after.contactAt,
        after.id,
        limit,
      )
    : prepared(db, `SELECT ${columns} FROM queue_item ORDER BY ${order} LIMIT ?`).all(limit);
  return (rows as Row[]).map(toKey);
}

export function queueKey(db: ReadableDb, taskId: string): QueueKeyRow | undefined {
  const row = prepared(db, `SELECT ${columns} FROM queue_item WHERE task_id = ?`).get(taskId) as Row | undefined;
  return row ? toKey(row) : undefined;
}

const withRouting = new WeakMap<ReadableDb, Map<string, (keys: RoutingKeys) => boolean>>();

/** Registers kaari_routes on this connection once; returns the key SQL passes for this viewer and filter. */
function routingFunction(
  db: ReadableDb,
  viewer: QueueViewer | null,
  filter: QueueFilter | null,
  me: string | null,
): string {
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

/**
 * One page of task ids straight from the table (right after start, before the keys are in
 * memory), routed and filtered by the one rule (text already in searchQuery's form), with the
 * open total and how many match.
 */
export function queueKeysPage(
  db: ReadableDb,
  query: {
    viewer: QueueViewer | null;
    filter: QueueFilter | null;
    me: string | null;
    text: string;
    offset: number;
    limit: number;
  },
): { ids: string[]; total: number; matching: number } {
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
  const total = (prepared(db, 'SELECT count(*) AS n FROM queue_item').get() as { n: number }).n;
  const matching =
    where.length === 0
      ? total
      : (db.prepare(`SELECT count(*) AS n FROM queue_item ${clause}`).get(...params) as { n: number }).n;
  // The table is stored in queue order (its primary key), so this reads the page in place.
  const ids = db
    .prepare(`SELECT task_id FROM queue_item ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, query.limit, query.offset) as string[];
  return { ids, total, matching };
}

/** The languages the synced staff directory serves (Practitioner.communication). */
export const staffLanguages = (db: ReadableDb): string[] =>
  (
    prepared(
      db,
      "SELECT DISTINCT json_extract(c.value, '$.coding[0].code') AS code FROM resource, json_each(resource.body, '$.communication') AS c WHERE resource.type = 'Practitioner'",
    ).all() as {
      code: string | null;
    }[]
  ).flatMap((r) => (typeof r.code === 'string' ? [r.code] : []));

/** Ids of one resident's cached Tasks (open and closed), through the index of whom resources are about. */
export const taskIdsAbout = (db: ReadableDb, residentId: string): string[] =>
  prepared(db, "SELECT id FROM resource INDEXED BY resource_about WHERE about = ? AND type = 'Task'")
    .pluck()
    .all(`Patient/${residentId}`) as string[];

/** Resident chat messages nobody has read yet in one contact. */
export function unreadInThread(db: ReadableDb, residentId: string, taskId: string): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM resource INDEXED BY resource_about
       WHERE about = ? AND type = 'Communication'
         AND json_extract(body, '$.received') IS NULL AND json_extract(body, '$.sender.reference') LIKE 'Patient/%'
         AND EXISTS (SELECT 1 FROM json_each(body, '$.basedOn') WHERE json_extract(value, '$.reference') = ?)`,
    ).get(`Patient/${residentId}`, `Task/${taskId}`) as { n: number }
  ).n;
}
