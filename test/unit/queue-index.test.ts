import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCounty } from '../../backend/seed/demo-county';
import { type QueueItem, compareQueueItems } from '../../shared/queue/queue-item';
import { matchesProfile } from '../../shared/queue/routing';
import { tempDir } from '../support/processes';
import { aboutOf } from '../../main/cache/about';
import { asReadable } from '../../main/cache/db';
import { openCache } from '../../main/cache/open-cache';
import { writeLocal } from '../../main/cache/outbox';
import { ensureQueueIndex, queueIndexVersion } from '../../main/queue/queue-index';
import { queueKeysReady } from '../../main/queue/queue-order';
import { queryQueue, queueItem, residentContacts } from '../../main/queue/queue-store';
import { connectWithTestKey, testCacheKey } from '../support/cache-key';

function countyCache(contacts = 2000) {
  const { db } = openCache(join(tempDir('queue'), 'c.sqlite'), { key: testCacheKey() });
  const county = generateCounty({ seed: 5, residents: 300, contacts, now: new Date('2026-11-24T10:00:00Z') });
  const insert = db.prepare(
    'INSERT INTO resource (type, id, version_id, last_updated, seq, body, about) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    let seq = 1;
    for (const r of [
      ...county.patients,
      ...county.tasks.map((t, i) => (i % 3 === 0 ? { ...t, status: 'requested' as const } : t)),
    ]) {
      insert.run(r.resourceType, r.id, '1', '2026-11-24T10:00:00Z', seq++, JSON.stringify(r), aboutOf(r));
    }
  })();
  ensureQueueIndex(db);
  return db;
}

const all = (db: ReturnType<typeof countyCache>, viewer: Parameters<typeof queryQueue>[1]['viewer'], text = '') =>
  queryQueue(db, { viewer, text, offset: 0, limit: 100_000 });

describe('queue index', () => {
  it('pages the open queue in queue order', () => {
    const db = countyCache();
    const everything = all(db, null);
    expect(everything.total).toBeGreaterThan(500);
    expect(everything.items).toEqual([...everything.items].sort(compareQueueItems));
    const page2 = queryQueue(db, { viewer: null, text: '', offset: 100, limit: 100 });
    expect(page2.items).toEqual(everything.items.slice(100, 200));
  });

  it('routes by skill exactly as matchesProfile does', () => {
    const db = countyCache();
    const everything = all(db, null).items;
    const viewers = [
      { id: 'n1', roles: ['nurse'], profession: 'nurse', languages: ['fi'], themes: [] },
      { id: 'n2', roles: ['nurse'], profession: 'nurse', languages: ['sv', 'fi'], themes: ['elderly'] },
      {
        id: 'd1',
        roles: ['doctor'],
        profession: 'doctor',
        languages: ['fi', 'sv', 'en'],
        themes: ['mental-health', 'long-term-illness'],
      },
      { id: 'l1', roles: ['team_lead', 'nurse'], profession: 'nurse', languages: ['fi'], themes: [] },
    ];
    for (const viewer of viewers) {
      const expected = everything.filter((i: QueueItem) => matchesProfile(i, viewer)).map((i) => i.id);
      expect(
        all(db, viewer).items.map((i) => i.id),
        viewer.id,
      ).toEqual(expected);
    }
  });

  it('filters by words in name or reason, case-insensitively, with LIKE wildcards taken literally', () => {
    const db = countyCache();
    const some = all(db, null).items[0]!;
    const word = some.resident.name.split(' ')[0]!.toUpperCase();
    const found = all(db, null, word).items;
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.every((i) =>
        `${i.resident.name} ${i.reason}`.toLocaleLowerCase('fi').includes(word.toLocaleLowerCase('fi')),
      ),
    ).toBe(true);
    expect(all(db, null, '%').items).toEqual([]);
  });

  it("follows local writes at once, and a resident's later changes", () => {
    const db = countyCache(50);
    const open = all(db, null).items[0]!;
    const task = JSON.parse(
      (db.prepare("SELECT body FROM resource WHERE type = 'Task' AND id = ?").get(open.id) as { body: string }).body,
    );
    writeLocal(db, { resource: { ...task, status: 'completed' }, baseVersion: '1' });
    expect(all(db, null).items.some((i) => i.id === open.id)).toBe(false);
    const patient = JSON.parse(
      (
        db.prepare("SELECT body FROM resource WHERE type = 'Patient' AND id = ?").get(open.resident.id) as {
          body: string;
        }
      ).body,
    );
    writeLocal(db, { resource: { ...patient, name: [{ family: 'Uusinimi', given: ['Testi'] }] }, baseVersion: '1' });
    expect(queueItem(db, open.id)?.resident.name).toBe('Testi Uusinimi');
    expect(residentContacts(db, open.resident.id).map((c) => c.resident.name)).toContain('Testi Uusinimi');
  });

  it('rebuilds once when the derivation version changes, not on every sign-in', () => {
    const db = countyCache(50);
    db.prepare('DELETE FROM queue_item').run();
    ensureQueueIndex(db);
    expect(all(db, null).total).toBe(0);
    db.prepare("UPDATE sync_cursor SET seq = ? WHERE name = 'queue_index_version'").run(queueIndexVersion - 1);
    ensureQueueIndex(db);
    expect(all(db, null).total).toBeGreaterThan(0);
  });

  it('answers from memory exactly as SQLite does, through writes and rolled-back writes', async () => {
    const db = countyCache(8000); // more rows than one build chunk: the build spans event-loop turns
    all(db, null);
    const fresh = () => asReadable(connectWithTestKey(db.name, { readonly: true })); // new connection: answers from SQL
    const viewer = {
      id: 'staff-nurse-aino',
      roles: ['nurse'],
      profession: 'nurse',
      languages: ['fi', 'en'],
      themes: ['long-term-illness'],
    };
    const queries: Parameters<typeof queryQueue>[1][] = [
      { viewer: null, text: '', offset: 0, limit: 50 },
      { viewer, text: '', offset: 40, limit: 30 },
      { viewer, text: 'a', offset: 0, limit: 100 },
      { viewer: null, text: 'ki', offset: 10, limit: 20 },
      {
        viewer,
        filter: { urgencies: ['P4', 'P5'], kinds: ['chat', 'self-assessment'], languages: ['fi'], holder: 'unclaimed' },
        text: '',
        offset: 0,
        limit: 100,
      },
      {
        viewer: null,
        filter: { urgencies: [], kinds: [], languages: ['sv'], holder: 'any' },
        text: 'a',
        offset: 5,
        limit: 40,
      },
    ];
    const agree = () => {
      const sql = fresh();
      expect(queueKeysReady(sql)).toBe(false);
      for (const q of queries) expect(queryQueue(db, q), JSON.stringify(q)).toEqual(queryQueue(sql, q));
      sql.close();
    };
    // A write while the background build is still reading chunks.
    const [first, second] = all(db, null).items;
    const body = (id: string) =>
      JSON.parse(
        (db.prepare("SELECT body FROM resource WHERE type = 'Task' AND id = ?").get(id) as { body: string }).body,
      );
    writeLocal(db, { resource: { ...body(first!.id), status: 'completed' }, baseVersion: '1' });
    while (!queueKeysReady(db)) await new Promise((resolve) => setImmediate(resolve));
    agree();
    expect(all(db, null).items.some((i) => i.id === first!.id)).toBe(false);
    // Writes once served from memory: urgency change moves the item, a new one appears.
    const moved = body(second!.id);
    moved.extension = moved.extension.map((e: { url: string }) =>
      e.url === 'urn:kaari:fhir:urgency-class' ? { ...e, valueCode: 'P8' } : e,
    );
    writeLocal(db, { resource: moved, baseVersion: '1' });
    writeLocal(db, { resource: { ...body(second!.id), id: 'brand-new', status: 'requested' } });
    agree();
    // A write rolled back leaves memory as the table is.
    expect(() =>
      db.transaction(() => {
        writeLocal(db, { resource: { ...body(second!.id), status: 'cancelled' }, baseVersion: '1' });
        throw new Error('crash before commit');
      })(),
    ).toThrow('crash before commit');
    agree();
    expect(all(db, null).items.some((i) => i.id === second!.id)).toBe(true);
    // Typed text is searched in one joined string once it is built between keystrokes.
    await new Promise((resolve) => setImmediate(resolve));
    agree();
    expect(all(db, null, 'virt\u0000').items).toEqual(all(db, null, 'virt').items);
  });

  it('reads the first page in stored queue order, not a scan and sort', () => {
    const db = countyCache(50);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT task_id FROM queue_item ORDER BY urgency_rank, deadline, contact_at, task_id LIMIT 100',
      )
      .all() as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' ');
    expect(text).toMatch(/SCAN queue_item|PRIMARY KEY/);
    expect(text).not.toContain('TEMP B-TREE');
  });
});
