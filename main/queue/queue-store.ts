import type { Task } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import type { QueueItem, QueueViewer } from '../../shared/queue/queue-item';
import { reindexFromCache } from './queue-index';
import { pageOfKeys } from './queue-order';

export interface QueueQuery {
  /** Skill routing as in matchesProfile; null shows everything. */
  viewer: QueueViewer | null;
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

const parse = (rows: { item: string }[]) => rows.map((r) => JSON.parse(r.item) as QueueItem);

/**
 * Unread resident messages per item of one page, through the subject index (the expression must
 * stay identical to migration 005's), so a nurse with several chats sees where someone wrote.
 */
function withUnread(db: Database.Database, items: QueueItem[]): QueueItem[] {
  const count = db.prepare(
    `SELECT count(*) AS n FROM resource INDEXED BY resource_by_subject
     WHERE coalesce(json_extract(body, '$.subject.reference'), json_extract(body, '$.patient.reference')) = ? AND type = 'Communication'
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
  const text = query.text.trim().toLocaleLowerCase('fi');
  const page = pageOfKeys(db, { viewer: query.viewer, text, offset: query.offset, limit: query.limit });
  if (!page) return queryQueueSql(db, { ...query, text });
  const read = db.prepare('SELECT item FROM queue_item WHERE task_id = ?');
  const items = page.ids.flatMap((id) => {
    const row = read.get(id) as { item: string } | undefined;
    return row ? [JSON.parse(row.item) as QueueItem] : [];
  });
  return { items: withUnread(db, items), total: page.total, matching: page.matching };
}

/** The same page straight from the table: right after start, before the keys are in memory. */
function queryQueueSql(db: Database.Database, query: QueueQuery): QueuePage {
  const where = ['open = 1'];
  const params: unknown[] = [];
  const viewer = query.viewer;
  if (viewer && !viewer.roles.includes('team_lead')) {
    // Mirrors matchesProfile in shared/queue/queue-item.ts (tested to agree).
    where.push(
      `(holder_id = ? OR (profession = ? AND language IN (SELECT value FROM json_each(?)) AND (theme = 'general' OR theme IN (SELECT value FROM json_each(?)))))`,
    );
    params.push(viewer.id, viewer.profession, JSON.stringify(viewer.languages), JSON.stringify(viewer.themes));
  }
  if (query.text) {
    where.push("search LIKE ? ESCAPE '\\'");
    params.push(`%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const clause = where.join(' AND ');
  const total = (db.prepare('SELECT count(*) AS n FROM queue_item WHERE open = 1').get() as { n: number }).n;
  const matching = where.length === 1 ? total : (db.prepare(`SELECT count(*) AS n FROM queue_item WHERE ${clause}`).get(...params) as { n: number }).n;
  // Keys first on the covering index, items by key: OFFSET then skips index entries, not rows.
  const rows = db
    .prepare(
      `SELECT q.item FROM (SELECT task_id, urgency_rank, deadline, contact_at FROM queue_item WHERE ${clause} ORDER BY urgency_rank, deadline, contact_at, task_id LIMIT ? OFFSET ?) k
       JOIN queue_item q USING (task_id) ORDER BY k.urgency_rank, k.deadline, k.contact_at, k.task_id`,
    )
    .all(...params, query.limit, query.offset) as { item: string }[];
  return { items: withUnread(db, parse(rows)), total, matching };
}

export function queueItem(db: Database.Database, taskId: string): QueueItem | null {
  const row = db.prepare('SELECT item FROM queue_item WHERE task_id = ?').get(taskId) as { item: string } | undefined;
  return row ? (JSON.parse(row.item) as QueueItem) : null;
}

/** The resident's contacts in the cache, newest first. */
export function residentContacts(db: Database.Database, residentId: string, limit = 20): QueueItem[] {
  return parse(db.prepare('SELECT item FROM queue_item WHERE resident_id = ? ORDER BY contact_at DESC LIMIT ?').all(residentId, limit) as { item: string }[]);
}

/** A resource the backend just accepted, written to the cache so the UI shows it at once. */
export function storeAccepted(db: Database.Database, resource: Task): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO resource (type, id, version_id, last_updated, seq, body) VALUES (?, ?, ?, ?, 0, ?)
       ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated, body = excluded.body
       WHERE resource.local = 0`,
    ).run(resource.resourceType, resource.id, resource.meta?.versionId ?? '0', resource.meta?.lastUpdated ?? new Date().toISOString(), JSON.stringify(resource));
    reindexFromCache(db, resource.resourceType, resource.id ?? '');
  })();
}
