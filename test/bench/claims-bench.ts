import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Task } from '@medplum/fhirtypes';
import pg from 'pg';
import { hashPassword } from '../../backend/auth/passwords';
import { insertStaff } from '../../backend/auth/staff';
import { demoPassword } from '../../backend/seed/demo-staff';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { openCache } from '../../main/cache/open-cache';
import { claim } from '../../main/queue/claims';
import { pullChanges } from '../../main/sync/pull';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { postgresDatabase, serverUrl } from '../support/databases';
import { startBackend, tempDir } from '../support/processes';
import { percentile } from './stats';
import type { BenchResult } from './sync-bench';
import { testCacheKey } from '../support/cache-key';

async function timed<T>(run: () => Promise<T>, latencies: number[]): Promise<T> {
  const t = performance.now();
  try {
    return await run();
  } finally {
    latencies.push(performance.now() - t);
  }
}

/**
 * `attempts` simultaneous claims spread over `items` contacts (attempts / items claimants each),
 * through the workstation's claim path (Task/$claim, decided by the backend under its write
 * lock, the answer stored in the local cache) against the real backend on PostgreSQL; then the same contention as a raw conditional
 * UPDATE on the same server with the same pool size.
 */
export async function claimsBench(items = 100, attempts = 1000): Promise<BenchResult[]> {
  if (!serverUrl) {
    console.log(
      'claims benchmark skipped: it compares against PostgreSQL; set KAARI_TEST_DATABASE_URL (bash scripts/ensure-system.sh starts one).',
    );
    return [];
  }
  const database = await postgresDatabase.create();
  const backend = await startBackend({ databaseUrl: database.url });
  try {
    const perItem = attempts / items;
    // Ten nurses on ten workstations (own sign-in, client and cache), added beside the demo staff.
    const hash = await hashPassword(demoPassword);
    const claimants = await Promise.all(
      Array.from({ length: perItem }, async (_, k) => {
        const user = {
          id: `staff-bench-${k}`,
          username: `bench${k}`,
          displayName: `Bench Nurse ${k}`,
          roles: ['nurse' as const],
          profession: 'nurse',
          languages: ['fi'],
          themes: [],
        };
        await insertStaff(database.db, user, hash);
        const login = await createBackendClient(backend.url).login({
          username: user.username,
          password: demoPassword,
          deviceId: `bench-${k}`,
        });
        const client = createBackendClient(backend.url).signedIn({
          accessToken: () => login.accessToken,
          refresh: () => Promise.resolve(),
        });
        const { db } = openCache(join(tempDir('bench-claims'), 'cache.sqlite'), { key: testCacheKey() });
        return { user: login.user, client, db };
      }),
    );
    const ids = Array.from({ length: items }, () => randomUUID());
    const now = new Date().toISOString();
    // The contacts arrive through the team lead (standing in for residents' channels): a nurse
    // writes contacts only for residents in her care.
    const lead = await createBackendClient(backend.url).login({
      username: 'leena',
      password: demoPassword,
      deviceId: 'bench-lead',
    });
    await createBackendClient(backend.url)
      .signedIn({ accessToken: () => lead.accessToken, refresh: () => Promise.resolve() })
      .transaction(
        {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: ids.map((id) => ({
            resource: {
              ...newQueueTask({
                kind: 'chat',
                urgency: 'P4',
                patientId: 'resident-00001',
                authoredOn: now,
                description: 'Bench',
              }),
              id,
            },
            request: { method: 'PUT' as const, url: `Task/${id}` },
          })),
        },
        randomUUID(),
      );

    // Every workstation has the new contacts synced before anyone presses claim.
    await Promise.all(claimants.map((c) => pullChanges(c.db, c.client)));
    const latencies: number[] = [];
    const t0 = performance.now();
    const outcomes = await Promise.all(
      ids.flatMap((id) =>
        claimants.map((c) =>
          timed(() => claim(c.client, c.db, id), latencies).then((r) => ({ id, by: c.user.id, outcome: r.outcome })),
        ),
      ),
    );
    const claimMs = performance.now() - t0;
    const winners = outcomes.filter((o) => o.outcome === 'claimed');
    // Check on the backend: each contact has exactly the one owner its winner was told.
    const stored = await Promise.all(ids.map((id) => claimants[0]!.client.read('Task', id) as Promise<Task | null>));
    const agree = winners.every((w) => stored.find((t) => t?.id === w.id)?.owner?.reference === `Practitioner/${w.by}`);
    if (winners.length !== items || !agree)
      throw new Error(`claims: ${winners.length} winners for ${items} contacts (owners agree: ${agree})`);
    // Without contention: one nurse claiming one contact after another.
    const single = claimants[0]!;
    const calm = Array.from({ length: items }, () => randomUUID());
    await single.client.transaction(
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: calm.map((id) => ({
          resource: {
            ...newQueueTask({
              kind: 'chat',
              urgency: 'P4',
              patientId: 'resident-00001',
              authoredOn: now,
              description: 'Bench',
            }),
            id,
          },
          request: { method: 'PUT' as const, url: `Task/${id}` },
        })),
      },
      randomUUID(),
    );
    const calmLatencies: number[] = [];
    for (const id of calm) await timed(() => claim(single.client, single.db, id), calmLatencies);
    for (const c of claimants) c.db.close();

    // The floor any HTTP claim path stands on: the same 1,000-at-once burst of the cheapest
    // request the backend answers (no sign-in, no database), and of a signed-in read of the Task.
    const floor = await burst(ids, claimants, () => fetch(`${backend.url}/metadata`).then((r) => r.arrayBuffer()));
    const reads = await burst(ids, claimants, (c, id) => c.client.read('Task', id));

    // Raw: the same contention as one conditional UPDATE each, through a pool of the backend's size.
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    await pool.query('CREATE TABLE bench_claim (id text PRIMARY KEY, owner text, version int NOT NULL DEFAULT 1)');
    await pool.query('INSERT INTO bench_claim (id) SELECT unnest($1::text[])', [ids]);
    const rawLatencies: number[] = [];
    const t1 = performance.now();
    const rawResults = await Promise.all(
      ids.flatMap((id) =>
        claimants.map((c) =>
          timed(
            () =>
              pool.query(
                'UPDATE bench_claim SET owner = $1, version = version + 1 WHERE id = $2 AND owner IS NULL RETURNING id',
                [c.user.id, id],
              ),
            rawLatencies,
          ),
        ),
      ),
    );
    const rawMs = performance.now() - t1;
    await pool.end();
    const rawWinners = rawResults.filter((r) => r.rowCount === 1).length;

    const throughput = (attempts / claimMs) * 1000;
    const rawThroughput = (attempts / rawMs) * 1000;
    return [
      {
        name: `concurrent claims: ${attempts} attempts on ${items} contacts, winners`,
        value: winners.length,
        unit: `of ${items}`,
      },
      {
        name: 'claim throughput (workstation claim path, HTTP, PostgreSQL)',
        value: Math.round(throughput),
        unit: 'attempts/s',
      },
      {
        name: 'claim latency p99 inside that burst (goal ≤ 50 ms)',
        value: Math.round(percentile(latencies, 0.99)),
        unit: 'ms',
      },
      {
        name: 'claim latency p99 without contention (one nurse, one claim at a time)',
        value: round1(percentile(calmLatencies, 0.99)),
        unit: 'ms',
      },
      {
        name: `raw conditional UPDATE, same contention: winners ${rawWinners}, throughput`,
        value: Math.round(rawThroughput),
        unit: 'attempts/s',
      },
      { name: 'raw conditional UPDATE latency p99', value: Math.round(percentile(rawLatencies, 0.99)), unit: 'ms' },
      {
        name: 'claim throughput relative to raw (goal ≥ 30%)',
        value: Math.round((throughput / rawThroughput) * 100),
        unit: '%',
      },
      {
        name: 'same burst of GET /metadata (no sign-in, no database): throughput',
        value: Math.round(floor.perSecond),
        unit: 'requests/s',
      },
      { name: 'same burst of GET /metadata: p99', value: Math.round(floor.p99), unit: 'ms' },
      {
        name: 'same burst of signed-in reads of the Task: throughput',
        value: Math.round(reads.perSecond),
        unit: 'requests/s',
      },
      { name: 'same burst of signed-in reads of the Task: p99', value: Math.round(reads.p99), unit: 'ms' },
    ];
  } finally {
    await backend.stop();
    await database.drop();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Every claimant sends `one` for every contact, all at once, as in the claim burst. */
async function burst<C>(
  ids: string[],
  claimants: C[],
  one: (c: C, id: string) => Promise<unknown>,
): Promise<{ perSecond: number; p99: number }> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(ids.flatMap((id) => claimants.map((c) => timed(() => one(c, id), latencies))));
  return { perSecond: (latencies.length / (performance.now() - t0)) * 1000, p99: percentile(latencies, 0.99) };
}
