import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, TokenPair } from '../../shared/protocol/auth';
import { testDatabases } from '../../test/support/databases';
import { type TestDevice, testDevice } from '../../test/support/device';
import type { Db } from '../db/db';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';
import { throttlePolicy } from './sign-in-throttle';

// Sign-in and sessions (issue #16) and device identity (issue #17), against one backend whose
// devices must be enrolled, as in production.
describe.each(testDatabases)('sessions and devices on $name', (database) => {
  let app: FastifyInstance;
  let db: Db;
  let drop: () => Promise<void>;
  const secret = randomBytes(32);
  let adminDevice: TestDevice;
  let admin: LoginResponse;

  const post = (url: string, payload: unknown, token?: string, remoteAddress = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      remoteAddress,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const get = (url: string, token: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const reasonOf = (body: unknown) =>
    (body as { issue: { details?: { coding: { code: string }[] } }[] }).issue[0]?.details?.coding[0]?.code;

  const login = async (username: string, device: TestDevice, address = '10.0.0.1') =>
    post(
      '/auth/login',
      {
        username,
        password: 'kaari-demo',
        deviceId: device.id,
        appVersion: '1.2.3',
        proof: await device.proof('/auth/login'),
      },
      undefined,
      address,
    );
  const enroll = async (device: TestDevice, code: string) =>
    post('/auth/enroll', {
      code,
      deviceId: device.id,
      publicJwk: device.publicJwk,
      appVersion: '1.2.3',
      proof: await device.proof('/auth/enroll'),
    });
  const newCode = async () =>
    (await post('/admin/enrollment-codes', {}, admin.accessToken)).json<{ code: string }>().code;
  /** A device enrolled with a fresh code from the administrator, and a user signed in on it. */
  const signedInOn = async (username: string) => {
    const device = await testDevice();
    expect((await enroll(device, await newCode())).statusCode).toBe(201);
    return { device, session: LoginResponse.parse((await login(username, device)).json()) };
  };
  const refresh = async (session: TokenPair, device: TestDevice, proofDevice = device) =>
    post('/auth/refresh', {
      refreshToken: session.refreshToken,
      deviceId: device.id,
      proof: await proofDevice.proof('/auth/refresh', session.refreshToken),
    });

  beforeAll(async () => {
    const created = await database.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(db);
    app = await buildBackend({ db, tokenSecret: secret, deviceEnrollment: 'required' });
    // The first device is enrolled with the code the backend prints at its first start (backend/main.ts).
    const { createEnrollmentCode } = await import('./devices');
    adminDevice = await testDevice();
    expect((await enroll(adminDevice, (await createEnrollmentCode(db, 'system')).code)).statusCode).toBe(201);
    admin = LoginResponse.parse((await login('antti', adminDevice)).json());
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  describe('device enrollment', () => {
    it('an unenrolled device is asked for a code; a code works once', async () => {
      const device = await testDevice();
      const refused = await login('aino', device);
      expect(refused.statusCode).toBe(403);
      expect(reasonOf(refused.json())).toBe('device-not-enrolled');
      const code = await newCode();
      expect((await enroll(device, code)).statusCode).toBe(201);
      expect((await login('aino', device)).statusCode).toBe(200);
      const other = await testDevice();
      const reused = await enroll(other, code);
      expect(reused.statusCode).toBe(403);
      expect(reasonOf(reused.json())).toBe('enrollment-code');
    });

    it('only the administrator creates codes and sees devices', async () => {
      const { session } = await signedInOn('leena');
      expect((await post('/admin/enrollment-codes', {}, session.accessToken)).statusCode).toBe(403);
      expect((await get('/admin/devices', session.accessToken)).statusCode).toBe(403);
    });

    it('an enrolled device signs in only with a proof made by its own key', async () => {
      const { device } = await signedInOn('aino');
      const without = await post('/auth/login', { username: 'aino', password: 'kaari-demo', deviceId: device.id });
      expect(without.statusCode).toBe(401);
      const impostor = await testDevice(device.id);
      expect((await login('aino', impostor)).statusCode).toBe(401);
    });
  });

  describe('refresh tokens bound to the device', () => {
    it('the device refreshes with a fresh proof each time', async () => {
      const { device, session } = await signedInOn('aino');
      const first = await refresh(session, device);
      expect(first.statusCode).toBe(200);
      expect((await refresh(TokenPair.parse(first.json()), device)).statusCode).toBe(200);
    });

    it('a copied refresh token is refused from another device id, and without a valid proof', async () => {
      const { device, session } = await signedInOn('aino');
      const { device: other } = await signedInOn('bjorn');
      // The thief's own enrolled device, with its own valid proof.
      expect((await refresh(session, other)).statusCode).toBe(401);
      // The right device id, but the proof is not made by the device's key.
      const thief = await testDevice(device.id);
      expect((await refresh(session, device, thief)).statusCode).toBe(401);
      // No proof at all.
      expect(
        (await post('/auth/refresh', { refreshToken: session.refreshToken, deviceId: device.id })).statusCode,
      ).toBe(401);
      // A proof made for another refresh token.
      const proofForOther = await device.proof('/auth/refresh', 'another-token');
      expect(
        (await post('/auth/refresh', { refreshToken: session.refreshToken, deviceId: device.id, proof: proofForOther }))
          .statusCode,
      ).toBe(401);
      // None of that spent the token: the device itself still refreshes.
      expect((await refresh(session, device)).statusCode).toBe(200);
    });

    it('a proof is accepted once (replay refused)', async () => {
      const { device, session } = await signedInOn('aino');
      const proof = await device.proof('/auth/refresh', session.refreshToken);
      expect(
        (await post('/auth/refresh', { refreshToken: session.refreshToken, deviceId: device.id, proof })).statusCode,
      ).toBe(200);
      const again = LoginResponse.parse((await login('aino', device)).json());
      const replayed = await device.proof('/auth/login');
      expect(
        (await post('/auth/login', { username: 'aino', password: 'kaari-demo', deviceId: device.id, proof: replayed }))
          .statusCode,
      ).toBe(200);
      expect(
        (await post('/auth/login', { username: 'aino', password: 'kaari-demo', deviceId: device.id, proof: replayed }))
          .statusCode,
      ).toBe(401);
      expect(again.refreshToken).toBeTruthy();
    });

    it('a session ends at its absolute lifetime, however often it was refreshed', async () => {
      const { device, session } = await signedInOn('eero');
      await db.query(
        "UPDATE staff_session SET started_at = now() - interval '12 hours 1 minute' WHERE family = (SELECT family FROM refresh_token WHERE device_id = $1 LIMIT 1)",
        [device.id],
      );
      const refused = await refresh(session, device);
      expect(refused.statusCode).toBe(401);
      expect(reasonOf(refused.json())).toBe('session-expired');
    });
  });

  describe('access tokens', () => {
    it('an access token stops working at sign-out', async () => {
      const { session } = await signedInOn('aino');
      expect((await get('/fhir/Task?_count=1', session.accessToken)).statusCode).toBe(200);
      await post('/auth/logout', { refreshToken: session.refreshToken });
      expect((await get('/fhir/Task?_count=1', session.accessToken)).statusCode).toBe(401);
    });

    it('a token signed with the right key but without exp is refused', async () => {
      const { session } = await signedInOn('aino');
      const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const { exp: _exp, ...rest } = claims;
      const forever = await new SignJWT(rest).setProtectedHeader({ alg: 'HS256' }).sign(secret);
      expect((await get('/fhir/Task?_count=1', forever)).statusCode).toBe(401);
      const resident = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('resident-00002')
        .setIssuer('kaari-resident')
        .setIssuedAt()
        .sign(secret);
      expect((await get('/resident/api/contacts', resident)).statusCode).toBe(401);
    });
  });

  describe('revoking a device', () => {
    it('the administrator sees the device with its user and version, revokes it, and its next request says so', async () => {
      const { device, session } = await signedInOn('saara');
      const list = (await get('/admin/devices', admin.accessToken)).json<{
        devices: { id: string; users: { displayName: string }[]; appVersion: string; revokedAt: string | null }[];
      }>();
      expect(list.devices.find((d) => d.id === device.id)).toMatchObject({
        users: [{ displayName: 'Saara Heikkinen' }],
        appVersion: '1.2.3',
        revokedAt: null,
      });
      expect((await post(`/admin/devices/${device.id}/revoke`, {}, admin.accessToken)).statusCode).toBe(200);
      const next = await get('/fhir/Task?_count=1', session.accessToken);
      expect(next.statusCode).toBe(401);
      expect(reasonOf(next.json())).toBe('device-revoked');
      const refreshed = await refresh(session, device);
      expect(refreshed.statusCode).toBe(401);
      expect(reasonOf(refreshed.json())).toBe('device-revoked');
      const again = await login('saara', device);
      expect(again.statusCode).toBe(403);
      expect(reasonOf(again.json())).toBe('device-revoked');
    });
  });

  describe('sign-in throttling', () => {
    it('locks an account after repeated wrong passwords, tells the administrator, who unlocks it', async () => {
      const { device } = await signedInOn('bjorn');
      for (let i = 0; i < throttlePolicy.accountFailures; i++) {
        expect(
          (
            await post(
              '/auth/login',
              { username: 'bjorn', password: 'wrong', deviceId: device.id },
              undefined,
              `10.1.0.${i}`,
            )
          ).statusCode,
        ).toBe(401);
      }
      const locked = await login('bjorn', device, '10.1.1.1');
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
      const notices = (await get('/admin/notices', admin.accessToken)).json<{
        notices: { kind: string; staff: { id: string; displayName: string } }[];
      }>().notices;
      expect(notices).toContainEqual(
        expect.objectContaining({
          kind: 'account_locked',
          staff: { id: 'staff-nurse-bjorn', displayName: 'Björn Lindqvist' },
        }),
      );
      expect((await post('/admin/accounts/staff-nurse-bjorn/unlock', {}, admin.accessToken)).statusCode).toBe(200);
      expect((await login('bjorn', device, '10.1.1.1')).statusCode).toBe(200);
      expect(
        (await get('/admin/notices', admin.accessToken))
          .json<{ notices: { staff: { id: string } }[] }>()
          .notices.map((n) => n.staff.id),
      ).not.toContain('staff-nurse-bjorn');
    }, 60_000);

    it('throttles one address failing for many accounts, with Retry-After, while others sign in', async () => {
      const { device } = await signedInOn('leena');
      for (let i = 0; i < throttlePolicy.addressFailures; i++) {
        expect(
          (
            await post(
              '/auth/login',
              { username: `guess${i}`, password: 'x', deviceId: device.id },
              undefined,
              '10.9.9.9',
            )
          ).statusCode,
        ).toBe(401);
      }
      const throttled = await login('leena', device, '10.9.9.9');
      expect(throttled.statusCode).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login('leena', device, '10.9.9.10')).statusCode).toBe(200);
      // Twenty password checks (argon2id, as slow as it must be) on a shared machine.
    }, 120_000);
  });

  describe('idempotency keys', () => {
    const bundle = (id: string) => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Basic', id, code: { text: 'idempotency test' } },
          request: { method: 'PUT', url: `Basic/${id}` },
        },
      ],
    });
    const send = (token: string, key: string, body: unknown) =>
      app.inject({
        method: 'POST',
        url: '/fhir',
        payload: JSON.stringify(body),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', 'idempotency-key': key },
      });

    it('are the user’s own: the same key from another user is a different key, never the first answer', async () => {
      const { session: lead } = await signedInOn('leena');
      const { session: antti } = await signedInOn('antti');
      const key = randomUUID();
      const first = `idem-${randomUUID()}`;
      expect((await send(lead.accessToken, key, bundle(first))).statusCode).toBe(200);
      // Another user's request under the same key is applied as her own (not 422, not a replay).
      const second = `idem-${randomUUID()}`;
      const stranger = await send(antti.accessToken, key, bundle(second));
      expect(stranger.statusCode).toBe(200);
      expect(stranger.headers['idempotent-replayed']).toBeUndefined();
      expect(stranger.body).toContain(second);
      expect(stranger.body).not.toContain(first);
    });

    it('the same key with another body is 422 and applies nothing', async () => {
      const { session } = await signedInOn('leena');
      const key = randomUUID();
      const id = `idem-${randomUUID()}`;
      expect((await send(session.accessToken, key, bundle(id))).statusCode).toBe(200);
      const retry = await send(session.accessToken, key, bundle(id));
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const otherId = `idem-${randomUUID()}`;
      const reused = await send(session.accessToken, key, bundle(otherId));
      expect(reused.statusCode).toBe(422);
      expect((await get(`/fhir/Basic/${otherId}`, session.accessToken)).statusCode).toBe(404);
    });
  });
});
