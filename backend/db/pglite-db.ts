import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db';

/** Embedded PostgreSQL in a data folder (or in memory when dataDir is undefined). */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  return {
    kind: 'pglite',
    query: async (sql, params) => (await pg.query(sql, params)).rows as never,
    // PGlite runs one statement stream at a time; its transaction() serialises for us.
    transaction: (fn) =>
      pg.transaction((tx) => fn({ query: async (sql, params) => (await tx.query(sql, params)).rows as never })),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => unlisten();
    },
    close: () => pg.close(),
  };
}
