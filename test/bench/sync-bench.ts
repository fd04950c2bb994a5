import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { keyConnection, openCache } from '../../main/cache/open-cache';
import { writeLocal } from '../../main/cache/outbox';
import { ensureQueueIndex } from '../../main/queue/queue-index';
import { pullChanges } from '../../main/sync/pull';
import { drainOutbox } from '../../main/sync/push';
import type { SignedInClient } from '../../main/backend-client/backend-client';
import type { Change, ChangesPage } from '../../shared/protocol/sync';
import { startBackend, tempDir } from '../support/processes';
import { testCacheKey } from '../support/cache-key';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const synthetic = (i: number): Change => ({
  seq: i + 1,
  type: 'Task',
  id: `task-${i}`,
  versionId: '1',
  lastUpdated: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
  deleted: false,
  resource: {
    resourceType: 'Task',
    id: `task-${i}`,
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    authoredOn: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
    for: { reference: `Patient/p-${i % 10_000}` },
    description: `Synteettinen yhteydenotto ${i}`,
  },
});

/** Cold sync into an empty cache through the real pull, pages served from memory. */
async function coldSyncOnce(changes: Change[], pageSize: number): Promise<number> {
  const total = changes.length;
  const client: SignedInClient = {
    async changes(after, limit) {
      const page = changes.slice(after, after + limit);
      const body: ChangesPage = {
        changes: page,
        next: page.at(-1)?.seq ?? after,
        more: after + limit < total,
        latest: total,
      };
      // Through JSON as from the wire, so parsing cost is counted like in the real client.
      return JSON.parse(JSON.stringify(body)) as ChangesPage;
    },
    transaction: () => Promise.reject(new Error('unused')),
    update: () => Promise.reject(new Error('unused')),
    read: () => Promise.resolve(null),
    claim: () => Promise.reject(new Error('unused')),
    uploadAccess: () => Promise.resolve({ recorded: 0, alreadyRecorded: 0 }),
  };
  const { db } = openCache(join(tempDir('bench'), 'cache.sqlite'), { key: testCacheKey() });
  ensureQueueIndex(db); // as at sign-in: the queue index follows the cache's writes
  const t0 = performance.now();
  await pullChanges(db, client, undefined, pageSize);
  const ms = performance.now() - t0;
  const queued = (db.prepare('SELECT count(*) AS n FROM queue_item').get() as { n: number }).n;
  db.close();
  if (queued !== total) throw new Error(`cold sync queued ${queued} of ${total} open Tasks`);
  return ms;
}

/**
 * Raw: the same rows, prepared statement, one transaction per page, same pragmas, same JSON trip;
 * in the clear, or encrypted as the cache is (SQLCipher), which tells our code's overhead apart
 * from the cipher's.
 */
function rawInsertOnce(changes: Change[], pageSize: number, encrypted = false): number {
  const raw = new Database(join(tempDir('bench'), 'raw.sqlite'));
  if (encrypted) keyConnection(raw, testCacheKey());
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(
    'CREATE TABLE resource (type TEXT, id TEXT, version_id TEXT, last_updated TEXT, seq INTEGER, body TEXT, PRIMARY KEY (type, id)) WITHOUT ROWID',
  );
  const insert = raw.prepare('INSERT INTO resource VALUES (?, ?, ?, ?, ?, ?)');
  const t1 = performance.now();
  for (let at = 0; at < changes.length; at += pageSize) {
    const page = JSON.parse(JSON.stringify(changes.slice(at, at + pageSize))) as Change[];
    raw.transaction(() => {
      for (const c of page) insert.run(c.type, c.id, c.versionId, c.lastUpdated, c.seq, JSON.stringify(c.resource));
    })();
  }
  const ms = performance.now() - t1;
  raw.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Cold sync of N resources into an empty cache (resources, cursor and queue index), against a
 * raw bulk insert of the same rows. Run in alternating pairs and reported as medians: on a
 * shared 2-core machine one run of either can be 40 % off, and pairing keeps the ratio honest.
 */
export async function coldSyncBench(total = 100_000, pageSize = 1000, rounds = 7): Promise<BenchResult[]> {
  const changes = Array.from({ length: total }, (_, i) => synthetic(i));
  const sync: number[] = [];
  const raw: number[] = [];
  const rawEncrypted: number[] = [];
  const ratio: number[] = [];
  const ratioEncrypted: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    sync.push(await coldSyncOnce(changes, pageSize));
    raw.push(rawInsertOnce(changes, pageSize));
    rawEncrypted.push(rawInsertOnce(changes, pageSize, true));
    ratio.push((raw.at(-1) as number) / (sync.at(-1) as number));
    ratioEncrypted.push((rawEncrypted.at(-1) as number) / (sync.at(-1) as number));
  }
  return [
    {
      name: `cold sync of ${total} resources into the cache, with the queue index (median of ${rounds})`,
      value: Math.round(median(sync)),
      unit: 'ms',
    },
    {
      name: `raw bulk insert of the same ${total} rows in the clear (median of ${rounds})`,
      value: Math.round(median(raw)),
      unit: 'ms',
    },
    {
      name: 'cold sync (encrypted cache) speed relative to raw insert in the clear, median of the pairs (goal ≥ 50%)',
      value: Math.round(median(ratio) * 100),
      unit: '%',
      note: `pairs: ${ratio.map((x) => Math.round(x * 100)).join(', ')} %`,
    },
    {
      name: `raw insert of the same ${total} rows into an encrypted (SQLCipher) file (median of ${rounds})`,
      value: Math.round(median(rawEncrypted)),
      unit: 'ms',
    },
    {
      name: "cold sync speed relative to raw insert into an encrypted file: our overhead without the cipher's, median of the pairs",
      value: Math.round(median(ratioEncrypted) * 100),
      unit: '%',
      note: `pairs: ${ratioEncrypted.map((x) => Math.round(x * 100)).join(', ')} %`,
    },
  ];
}

/** Push and pull throughput against a real backend process (embedded PostgreSQL). */
export async function throughputBench(count = 1000): Promise<BenchResult[]> {
  const backend = await startBackend();
  try {
    const login = await createBackendClient(backend.url).login({
      username: 'aino',
      password: 'kaari-demo',
      deviceId: 'bench',
    });
    const tokens = {
      accessToken: () => login.accessToken,
      refresh: () => Promise.reject(new Error('no refresh in bench')),
    };
    const client = createBackendClient(backend.url).signedIn(tokens);
    const { db } = openCache(join(tempDir('bench'), 'a.sqlite'), { key: testCacheKey() });
    ensureQueueIndex(db);
    for (let i = 0; i < count; i += 1)
      writeLocal(db, { resource: { resourceType: 'Patient', id: randomUUID(), name: [{ family: `Bench${i}` }] } });
    const t0 = performance.now();
    await drainOutbox(db, client);
    const pushMs = performance.now() - t0;
    const { db: other } = openCache(join(tempDir('bench'), 'b.sqlite'), { key: testCacheKey() });
    ensureQueueIndex(other);
    const t1 = performance.now();
    const received = await pullChanges(other, client);
    const pullMs = performance.now() - t1;
    return [
      {
        name: `push throughput (${count} outbox changes, one request each)`,
        value: Math.round((count / pushMs) * 1000),
        unit: 'changes/s',
      },
      {
        name: `pull throughput (${received} changes)`,
        value: Math.round((received / pullMs) * 1000),
        unit: 'changes/s',
      },
    ];
  } finally {
    await backend.stop();
  }
}
