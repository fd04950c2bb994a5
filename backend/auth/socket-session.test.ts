import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LoginResponse } from '../../shared/protocol/auth';
import { realtimeCloseCodes } from '../../shared/protocol/realtime';
import { pgliteDatabase } from '../../test/support/databases';
import { testDevice } from '../../test/support/device';
import { freePort } from '../../test/support/processes';
import type { Db } from '../db/db';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';
import { createEnrollmentCode } from './devices';
import { recheckMs } from '../realtime/authenticated-socket';

// Access tokens die with their session on the realtime socket too (issue #16): a socket that
// authenticated before sign-out or revocation is closed at its next re-check.
describe('the realtime and video sockets follow their session', () => {
  let app: FastifyInstance;
  let db: Db;
  let drop: () => Promise<void>;
  let url: string;
  let videoUrl: string;

  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(db);
    app = await buildBackend({ db, tokenSecret: randomBytes(32) });
    const port = await freePort();
    await app.listen({ host: '127.0.0.1', port });
    url = `ws://127.0.0.1:${port}/realtime`;
    videoUrl = `ws://127.0.0.1:${port}/video/socket`;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  /** An authenticated socket (it said `ready`), and the code it is closed with. */
  async function socketFor(accessToken: string, at = url) {
    const ws = new WebSocket(at);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', accessToken })));
      ws.on('message', (data: Buffer) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'ready') resolve();
      });
      ws.once('error', reject);
    });
    return { closed, at: performance.now() };
  }

  it('closes with 4401 within the re-check after sign-out', async () => {
    const session = LoginResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { username: 'aino', password: 'kaari-demo', deviceId: 'socket-1' },
        })
      ).json(),
    );
    const socket = await socketFor(session.accessToken);
    await app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(await socket.closed).toBe(realtimeCloseCodes.unauthenticated);
    expect(performance.now() - socket.at).toBeLessThan(recheckMs + 2000);
  });

  it('closes with 4403 when the administrator revokes the device', async () => {
    const device = await testDevice();
    const { code } = await createEnrollmentCode(db, 'system');
    await app.inject({
      method: 'POST',
      url: '/auth/enroll',
      payload: {
        code,
        deviceId: device.id,
        publicJwk: device.publicJwk,
        appVersion: '1',
        proof: await device.proof('/auth/enroll'),
      },
    });
    const nurse = LoginResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: {
            username: 'bjorn',
            password: 'kaari-demo',
            deviceId: device.id,
            proof: await device.proof('/auth/login'),
          },
        })
      ).json(),
    );
    const admin = LoginResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { username: 'antti', password: 'kaari-demo', deviceId: 'admin-desk' },
        })
      ).json(),
    );
    const socket = await socketFor(nurse.accessToken);
    const revoked = await app.inject({
      method: 'POST',
      url: `/admin/devices/${device.id}/revoke`,
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(revoked.statusCode).toBe(200);
    expect(await socket.closed).toBe(realtimeCloseCodes.deviceRevoked);
  });

  it('closes the video call socket too within the re-check after sign-out: a signed-out professional leaves the call', async () => {
    const session = LoginResponse.parse(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { username: 'aino', password: 'kaari-demo', deviceId: 'socket-video' },
        })
      ).json(),
    );
    const socket = await socketFor(session.accessToken, videoUrl);
    await app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(await socket.closed).toBe(realtimeCloseCodes.unauthenticated);
    expect(performance.now() - socket.at).toBeLessThan(recheckMs + 2000);
  });
});
