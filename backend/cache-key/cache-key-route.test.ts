import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../shared/protocol/auth';
import { CacheKeyResponse, cacheKeyPath } from '../../shared/protocol/cache-key';
import { pgliteDatabase } from '../../test/support/databases';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';

describe('the cache wrapping key', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const secret = randomBytes(32);

  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    drop = created.drop;
    await seedDemo(created.db);
    app = await buildBackend({ db: created.db, tokenSecret: secret });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const tokenOf = async (username: string) =>
    LoginResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { username, password: 'kaari-demo', deviceId: 'device-1' },
        })
      ).json(),
    ).accessToken;
  const keyFor = (token: string | null, salt: unknown) =>
    app.inject({
      method: 'POST',
      url: cacheKeyPath,
      payload: { salt },
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const salt = randomBytes(16).toString('base64url');

  it('is released only to a signed-in user, the same at every sign-in, different per user and per cache', async () => {
    const aino = await tokenOf('aino');
    const first = await keyFor(aino, salt);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const key = CacheKeyResponse.parse(first.json()).key;
    expect(CacheKeyResponse.parse((await keyFor(await tokenOf('aino'), salt)).json()).key).toBe(key);
    expect(CacheKeyResponse.parse((await keyFor(await tokenOf('bjorn'), salt)).json()).key).not.toBe(key);
    expect(CacheKeyResponse.parse((await keyFor(aino, randomBytes(16).toString('base64url'))).json()).key).not.toBe(
      key,
    );
  });

  it('refuses without a valid token (401) and a malformed salt (400), with an OperationOutcome', async () => {
    const none = await keyFor(null, salt);
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    expect((await keyFor('forged.token.here', salt)).statusCode).toBe(401);
    const bad = await keyFor(await tokenOf('aino'), '../../etc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ resourceType: 'OperationOutcome' });
  });
});
