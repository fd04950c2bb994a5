import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Patient, Task } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../../backend/server';
import { seedCounty } from '../../backend/seed/demo-county';
import { seedDemo } from '../../backend/seed/seed';
import { demoStaff } from '../../backend/seed/demo-staff';
import type { Db } from '../../backend/db/db';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { openCache } from '../../main/cache/open-cache';
import { pullChanges } from '../../main/sync/pull';
import { reconcileScope } from '../../main/sync/scope';
import { pgliteDatabase } from '../support/databases';
import { tempDir } from '../support/processes';
import { testCacheKey } from '../support/cache-key';

const openStatuses = new Set(['requested', 'received', 'accepted', 'in-progress']);
const ext = (t: Task, url: string) => t.extension?.find((e) => e.url === url)?.valueCode;

/**
 * Whom a nurse's laptop may hold, computed here from the raw rows without the product's rule
 * (docs/SECURITY.md, written out again): residents of open contacts routed to her or urgent, and
 * residents of contacts she held in the last 30 days.
 */
async function expectedResidents(db: Db, username: string): Promise<Set<string>> {
  const me = demoStaff.find((s) => s.username === username);
  if (!me) throw new Error(username);
  const served = new Set(
    demoStaff
      .filter((s) => s.profession === me.profession && s.roles.some((r) => r !== 'admin'))
      .flatMap((s) => s.languages),
  );
  const patients = new Map(
    (await db.query<{ id: string; body: Patient }>("SELECT id, body FROM resource_current WHERE type = 'Patient'")).map(
      (r) => [r.id, r.body],
    ),
  );
  const expected = new Set<string>();
  for (const { body: t } of await db.query<{ body: Task }>("SELECT body FROM resource_current WHERE type = 'Task'")) {
    const pid = t.for?.reference?.replace('Patient/', '') ?? '';
    if (t.owner?.reference === `Practitioner/${me.id}`) {
      expected.add(pid);
      continue;
    }
    if (!openStatuses.has(t.status)) continue;
    const rank = Number((ext(t, 'urn:kaari:fhir:urgency-class') ?? 'P5').slice(1));
    const profession = t.performerType?.[0]?.coding?.[0]?.code ?? 'nurse';
    const theme = ext(t, 'urn:kaari:fhir:theme') ?? 'general';
    const language =
      ext(t, 'urn:kaari:fhir:service-language') ??
      patients.get(pid)?.communication?.[0]?.language.coding?.[0]?.code ??
      'fi';
    const routed =
      profession === me.profession &&
      (theme === 'general' || me.themes.includes(theme)) &&
      (me.languages.includes(language) || !served.has(language));
    if (rank <= 2 || routed) expected.add(pid);
  }
  return expected;
}

describe('a nurse’s cold sync of the demo county', () => {
  let app: FastifyInstance;
  let db: Db;
  let url = '';
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(db);
    await seedCounty(db, { seed: 2026, residents: 10_000, contacts: 3_000 });
    app = await buildBackend({ db, tokenSecret: randomBytes(32) });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  async function coldSync(username: string) {
    const login = await createBackendClient(url).login({
      username,
      password: 'kaari-demo',
      deviceId: `test-${username}`,
    });
    const client = createBackendClient(url).signedIn({
      accessToken: () => login.accessToken,
      refresh: () => Promise.reject(new Error('not needed')),
    });
    const { db: cache } = openCache(join(tempDir('access-sync'), 'cache.sqlite'), { key: testCacheKey() });
    await pullChanges(cache, client);
    await reconcileScope(cache, client, { fresh: true });
    return { cache, client };
  }
  const cachedResidents = (cache: ReturnType<typeof openCache>['db']) =>
    new Set(
      (cache.prepare("SELECT id FROM resource WHERE type = 'Patient'").all() as { id: string }[]).map((r) => r.id),
    );

  it('holds only her routed queue and her relationships, not the county', async () => {
    const { cache } = await coldSync('aino');
    const held = cachedResidents(cache);
    const expected = await expectedResidents(db, 'aino');
    console.log(`aino's cache holds ${held.size} of 10,000 residents; the rule computed here expects ${expected.size}`);
    expect(held.size).toBeLessThan(10_000 / 4);
    expect([...held].sort()).toEqual([...expected].sort());
    cache.close();
  }, 300_000);

  it('when a relationship ends, the next sync drops that resident’s data', async () => {
    const { cache, client } = await coldSync('bjorn');
    const relationship =
      (
        await db.query<{ patient_id: string }>(
          "SELECT patient_id FROM care_relationship WHERE staff_id = 'staff-nurse-bjorn' LIMIT 1",
        )
      )[0]?.patient_id ?? '';
    const about = () =>
      (
        cache
          .prepare("SELECT count(*) AS n FROM resource WHERE about = ? AND type NOT IN ('Task', 'Patient')")
          .get(`Patient/${relationship}`) as { n: number }
      ).n;
    const before = about();
    // The window passes (as if 31 days went by without her holding a contact of this resident).
    await db.query(
      "UPDATE care_relationship SET last_at = now() - interval '31 days' WHERE staff_id = 'staff-nurse-bjorn' AND patient_id = $1",
      [relationship],
    );
    const result = await reconcileScope(cache, client, { fresh: false });
    expect(result.dropped).toBeGreaterThanOrEqual(1);
    console.log(`bjorn held ${before} records of a resident; after the relationship ended: ${about()}`);
    expect(about()).toBe(0);
    cache.close();
  }, 300_000);
});
