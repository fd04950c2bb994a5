import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDb } from '../db/pglite-db';
import type { Db } from '../db/db';
import { problemErrorHandler } from './problem';

/** The last-resort error handler, with the errors PostgreSQL itself raises for input it cannot hold. */
describe('database refusals of input', () => {
  let db: Db;
  const app = Fastify();

  beforeAll(async () => {
    db = await createPgliteDb();
    await db.query('CREATE TABLE item (id text PRIMARY KEY, at timestamptz, n bigint)');
    await db.query("INSERT INTO item (id) VALUES ('taken')");
    app.setErrorHandler(problemErrorHandler());
    app.get('/insert/:id', async (request) =>
      db.query('INSERT INTO item (id) VALUES ($1)', [(request.params as { id: string }).id]),
    );
    app.get('/at', async (request) => db.query('SELECT $1::timestamptz AS at', [(request.query as { at: string }).at]));
    app.get('/n', async (request) => db.query('SELECT $1::bigint AS n', [(request.query as { n: string }).n]));
    app.get('/text', async () => db.query('SELECT $1::text AS t', ['a\u0000b']));
    app.get('/syntax', async () => db.query('SELEC 1'));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers a unique violation on a client id with 409, a value PostgreSQL cannot hold with 400, and its own bug with 500', async () => {
    const answers = await Promise.all(
      [
        '/insert/taken',
        '/at?at=%2B275760-09-13T00:00:00Z',
        '/at?at=not-a-date',
        '/n?n=9223372036854775808',
        '/text',
        '/syntax',
        '/insert/fresh',
      ].map(async (url) => {
        const r = await app.inject({ method: 'GET', url });
        return [
          url,
          r.statusCode,
          r.statusCode >= 400 ? (r.json() as { issue: { code: string }[] }).issue[0]?.code : '',
        ];
      }),
    );
    expect(answers).toEqual([
      ['/insert/taken', 409, 'duplicate'],
      ['/at?at=%2B275760-09-13T00:00:00Z', 400, 'invalid'],
      ['/at?at=not-a-date', 400, 'invalid'],
      ['/n?n=9223372036854775808', 400, 'invalid'],
      ['/text', 400, 'invalid'],
      ['/syntax', 500, 'exception'],
      ['/insert/fresh', 200, ''],
    ]);
  });
});
