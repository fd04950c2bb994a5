import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDb } from '../db/pglite-db';
import type { Db } from '../db/db';
import { migrateBackend } from '../db/migrations';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';
import { loggableUrl } from './logging';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  event?: string;
  user?: string | null;
  status?: number;
  code?: string;
  req?: { method: string; url: string };
  err?: { stack: string };
}

describe('the backend log', () => {
  let app: FastifyInstance;
  let db: Db;
  const raw: string[] = [];
  const lines = () => raw.map((l) => JSON.parse(l) as Line);
  const token: Record<string, string> = {};

  beforeAll(async () => {
    db = await createPgliteDb();
    await migrateBackend(db);
    await seedDemo(db);
    app = await buildBackend({
      db,
      tokenSecret: randomBytes(32),
      log: () => undefined,
      logger: { level: 'info', stream: { write: (line) => void raw.push(line) } },
    });
    // A failure no input causes: the handler's own bug.
    app.get('/test/boom', async () => {
      throw new Error('boom in a handler');
    });
    for (const user of ['leena', 'antti']) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: user, password: 'kaari-demo', deviceId: 'log-test' },
      });
      token[user] = (r.json() as { accessToken: string }).accessToken;
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('writes JSON lines with a request id, echoed to the client, and never the personal data or secrets of a request', async () => {
    raw.length = 0;
    const search = await app.inject({
      method: 'GET',
      url: '/fhir/Patient?identifier=SYN-123456&name=Virtanen&birthdate=1950-01-01',
      headers: { authorization: `Bearer ${token.leena}` },
    });
    expect(search.statusCode).toBeLessThan(500);
    const created = await app.inject({
      method: 'POST',
      url: '/fhir/Patient',
      headers: {
        authorization: `Bearer ${token.leena}`,
        'content-type': 'application/fhir+json',
        'x-request-id': 'client-request-0001',
      },
      payload: {
        resourceType: 'Patient',
        name: [{ family: 'Salasanainen', given: ['Ilmari'] }],
        identifier: [{ value: 'SYN-654321' }],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['x-request-id']).toBe('client-request-0001');
    const signIn = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'aino', password: 'Hunter2-secret', deviceId: 'd' },
    });
    expect(signIn.statusCode).toBe(401);
    // A client's id that is not a plain token is replaced by one of ours.
    expect(signIn.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const text = raw.join('');
    for (const secret of [
      'SYN-123456',
      'Virtanen',
      '1950-01-01',
      'Salasanainen',
      'Ilmari',
      'SYN-654321',
      'Hunter2-secret',
      token.leena,
      'Bearer',
      'kaari-demo',
    ])
      expect(text).not.toContain(secret);
    const answered = lines().filter((l) => l.msg === 'answered');
    expect(answered.map((l) => l.req?.url)).toEqual([
      '/fhir/Patient?identifier=_&name=_&birthdate=_',
      '/fhir/Patient',
      '/auth/login',
    ]);
    expect(answered[1]).toMatchObject({ reqId: 'client-request-0001', status: 201, user: 'staff-lead-leena' });
    expect(answered.every((l) => l.reqId && l.level === 30)).toBe(true);
  });

  it('logs a failed sign-in and a refused read as events with the user id, and a refusal with its code', async () => {
    raw.length = 0;
    await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'aino', password: 'wrong-password', deviceId: 'd' },
    });
    await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'nobody-here', password: 'wrong-password', deviceId: 'd' },
    });
    const refused = await app.inject({
      method: 'GET',
      url: '/fhir/Observation',
      headers: { authorization: `Bearer ${token.antti}` },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'GET',
      url: '/fhir/Task?_offset=1e309',
      headers: { authorization: `Bearer ${token.leena}` },
    });
    expect(bad.statusCode).toBe(400);
    const events = lines().filter((l) => l.event);
    expect(events.map((l) => [l.event, l.user])).toEqual([
      ['sign-in-failed', 'staff-nurse-aino'],
      ['sign-in-failed', null],
      ['forbidden', 'staff-admin-antti'],
    ]);
    expect(raw.join('')).not.toContain('nobody-here');
    expect(lines().find((l) => l.msg === 'refused' && l.status === 400)).toMatchObject({
      code: 'invalid',
      reqId: expect.any(String),
    });
  });

  it('logs a 500 at error with its stack and request id, and answers without detail', async () => {
    raw.length = 0;
    const r = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toContain('boom');
    const error = lines().find((l) => l.level === 50);
    expect(error?.err?.stack).toContain('boom in a handler');
    expect(error?.reqId).toBe(r.headers['x-request-id']);
  });

  it('keeps the names of query parameters and drops their values', () => {
    expect(loggableUrl('/fhir/Patient?family=Virtanen&given=Aino&_count=10')).toBe(
      '/fhir/Patient?family=_&given=_&_count=_',
    );
    expect(loggableUrl('/healthz')).toBe('/healthz');
  });
});
