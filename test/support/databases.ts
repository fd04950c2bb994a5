import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../backend/db/db';
import { migrateBackend } from '../../backend/db/migrations';
import { createPgDb } from '../../backend/db/pg-db';
import { createPgliteDb } from '../../backend/db/pglite-db';

/**
 * Backend tests run against the embedded database always, and against a real PostgreSQL server
 * when KAARI_TEST_DATABASE_URL names one (.ci/run starts it). Each test database is new.
 */
export const serverUrl = process.env.KAARI_TEST_DATABASE_URL;

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  create(): Promise<{ db: Db; url?: string; drop(): Promise<void> }>;
}

export const pgliteDatabase: TestDatabase = {
  name: 'pglite',
  async create() {
    const db = await createPgliteDb();
    await migrateBackend(db);
    return { db, drop: () => db.close() };
  },
};

export const postgresDatabase: TestDatabase = {
  name: 'postgres',
  async create() {
    if (!serverUrl) throw new Error('KAARI_TEST_DATABASE_URL is not set');
    const name = `kaari_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = createPgDb(url.toString());
    await migrateBackend(db);
    return {
      db,
      url: url.toString(),
      async drop() {
        await db.close().catch(() => undefined); // a test may have closed it already
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  },
};

/** The databases this run covers; the reason for a missing one is printed, not hidden. */
export const testDatabases: TestDatabase[] = serverUrl ? [pgliteDatabase, postgresDatabase] : [pgliteDatabase];
if (!serverUrl && process.env.CI)
  throw new Error('CI must set KAARI_TEST_DATABASE_URL so the backend is tested on real PostgreSQL');
