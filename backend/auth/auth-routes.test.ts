import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, TokenPair } from '../../shared/protocol/auth';
import { testDatabases } from '../../test/support/databases';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';
import { createTokenSigner } from './tokens';

describe.each(testDatabases)('sign-in on $name', (database) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const secret = randomBytes(32);

  beforeAll(async () => {
    const created = await database.create();
    drop = created.drop;
    await seedDemo(created.db);
    app = await buildBackend({ db: created.db, tokenSecret: secret });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { username, password, deviceId: 'device-1' } });
  const refresh = (refreshToken: string) =>
    app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken, deviceId: 'device-1' } });

  it('a nurse signs in and gets her profile, a short-lived access token and a refresh token', async () => {
    const response = await login('aino', 'kaari-demo');
    expect(response.statusCode).toBe(200);
    const body = LoginResponse.parse(response.json());
    expect(body.user).toMatchObject({ username: 'aino', roles: ['nurse'] });
    expect(body.expiresIn).toBeLessThanOrEqual(15 * 60);
    const claims = await createTokenSigner(secret).verifyAccess(body.accessToken);
    expect(claims).toMatchObject({ sub: body.user.id, roles: ['nurse'], device: 'device-1', sid: expect.any(String) });
  });

  it('a wrong password and an unknown user get the same 401 answer', async () => {
    const wrong = await login('aino', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it('bad input is a 400 OperationOutcome', async () => {
    const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'aino' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] });
  });

  it('a refresh token works once; reusing a spent one ends the whole session', async () => {
    const first = LoginResponse.parse((await login('aino', 'kaari-demo')).json());
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = TokenPair.parse(second.json());
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    // A stolen, already used token is replayed: refused, and the rotated one dies with it.
    expect((await refresh(first.refreshToken)).statusCode).toBe(401);
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
  });

  it('sign-out revokes the refresh token', async () => {
    const session = LoginResponse.parse((await login('eero', 'kaari-demo')).json());
    await app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('a token signed with another key, or expired, is not accepted', async () => {
    const other = createTokenSigner(randomBytes(32));
    const forged = await other.signAccess({ sub: 'staff-admin-antti', roles: ['admin'], device: 'd', sid: 's' });
    expect(await createTokenSigner(secret).verifyAccess(forged)).toBeNull();
    const old = await createTokenSigner(secret, () => Date.now() - 60 * 60 * 1000).signAccess({
      sub: 's',
      roles: ['nurse'],
      device: 'd',
      sid: 's',
    });
    expect(await createTokenSigner(secret).verifyAccess(old)).toBeNull();
  });
});
