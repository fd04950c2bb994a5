import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  LoginRequest,
  type LoginResponse,
  LogoutRequest,
  RefreshRequest,
  type TokenPair,
} from '../../shared/protocol/auth';
import { EnrollRequest } from '../../shared/protocol/devices';
import type { Db, Queryable } from '../db/db';
import { sendProblem } from '../http/problem';
import { sendAuthProblem } from './auth-problem';
import { enroll, findDevice, proofHash, touchDevice, verifyProof } from './devices';
import { hashPassword, verifyPassword } from './passwords';
import type { SessionCheck } from './session-check';
import { signInFailed, signInSucceeded, signInWait } from './sign-in-throttle';
import { findStaffById, findStaffByUsername } from './staff';
import {
  type TokenSigner,
  accessTokenSeconds,
  hashRefreshToken,
  newFamily,
  newRefreshToken,
  refreshTokenSeconds,
  sessionLifetimeSeconds,
} from './tokens';

export interface AuthOptions {
  /**
   * `required` (production): only enrolled devices sign in. `optional` (demo and tests only):
   * an unenrolled device signs in with its refresh tokens bound to its id alone; an enrolled one
   * always proves it holds its key.
   */
  deviceEnrollment: 'required' | 'optional';
}

/** A session ends at sign-out, at reuse of a spent refresh token, or past its lifetime: its tokens go, its record stays. */
async function endSession(tx: Queryable, family: string, reason: string): Promise<void> {
  await tx.query('DELETE FROM refresh_token WHERE family = $1', [family]);
  await tx.query('UPDATE staff_session SET ended_at = now(), end_reason = $2 WHERE family = $1 AND ended_at IS NULL', [
    family,
    reason,
  ]);
}

export function registerAuthRoutes(
  app: FastifyInstance,
  db: Db,
  signer: TokenSigner,
  sessions: SessionCheck,
  options: AuthOptions,
): void {
  // Verified against when the username is unknown, so a wrong username costs the same time as a
  // wrong password and does not reveal which accounts exist.
  const dummyHash = hashPassword(randomUUID());
  const issue = async (
    staffId: string,
    roles: LoginResponse['user']['roles'],
    deviceId: string,
    family: string,
  ): Promise<TokenPair> => {
    const refreshToken = newRefreshToken();
    await db.query(
      `INSERT INTO refresh_token (token_hash, family, staff_id, device_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [hashRefreshToken(refreshToken), family, staffId, deviceId, refreshTokenSeconds],
    );
    const accessToken = await signer.signAccess({ sub: staffId, roles, device: deviceId, sid: family });
    return { accessToken, expiresIn: accessTokenSeconds, refreshToken };
  };
  const throttled = (reply: Parameters<typeof sendAuthProblem>[0], wait: number) =>
    sendAuthProblem(
      reply.header('retry-after', String(wait)),
      429,
      'locked',
      `Too many failed attempts; try again in ${Math.ceil(wait / 60)} min.`,
    );

  app.post('/auth/enroll', async (request, reply) => {
    const body = EnrollRequest.safeParse(request.body);
    if (!body.success)
      return sendProblem(
        reply,
        400,
        'invalid',
        'An enrollment code, device id, public key, version and proof are required.',
      );
    // A wrong code counts against the address like a wrong password.
    const wait = await signInWait(db, null, request.ip);
    if (wait > 0) return throttled(reply, wait);
    const result = await enroll(db, body.data);
    if (result === 'enrolled') return reply.code(201).send({ status: 'enrolled' });
    if (result === 'already-enrolled') return sendProblem(reply, 409, 'conflict', 'This device is already enrolled.');
    await signInFailed(db, null, request.ip);
    return sendAuthProblem(
      reply,
      result === 'bad-code' ? 403 : 401,
      result === 'bad-code' ? 'enrollment-code' : 'device-proof',
      'The enrollment code is not valid (wrong, used or expired).',
    );
  });

  app.post('/auth/login', async (request, reply) => {
    const body = LoginRequest.safeParse(request.body);
    if (!body.success) return sendProblem(reply, 400, 'invalid', 'Username, password and device id are required.');
    const { username, deviceId } = body.data;
    const wait = await signInWait(db, username, request.ip);
    if (wait > 0) return throttled(reply, wait);
    const staff = await findStaffByUsername(db, username);
    const valid = await verifyPassword(staff?.passwordHash ?? (await dummyHash), body.data.password);
    if (!staff || !valid || !staff.active) {
      // The account's id when the username names one; never the username typed (it may be a name or a password).
      request.log.info({ event: 'sign-in-failed', user: staff?.user.id ?? null }, 'sign-in failed');
      await signInFailed(db, username, request.ip);
      return sendProblem(reply, 401, 'login', 'Wrong username or password.');
    }
    await signInSucceeded(db, username);
    // The device is checked only after the password, so its state tells nothing to a guesser.
    const device = await findDevice(db, deviceId);
    if (device?.revoked)
      return sendAuthProblem(reply, 403, 'device-revoked', 'This device has been revoked by the administrator.');
    if (!device && options.deviceEnrollment === 'required')
      return sendAuthProblem(
        reply,
        403,
        'device-not-enrolled',
        'This device is not enrolled; enter the code from your administrator.',
      );
    if (
      device &&
      !(body.data.proof && (await verifyProof(db, body.data.proof, device.publicJwk, { deviceId, htu: '/auth/login' })))
    ) {
      return sendAuthProblem(reply, 401, 'device-proof', 'The device could not prove its identity.');
    }
    if (device) await touchDevice(db, deviceId, body.data.appVersion);
    const family = newFamily();
    await db.query('INSERT INTO staff_session (family, staff_id, device_id) VALUES ($1, $2, $3)', [
      family,
      staff.user.id,
      deviceId,
    ]);
    const tokens = await issue(staff.user.id, staff.user.roles, deviceId, family);
    const response: LoginResponse = { ...tokens, user: staff.user };
    return response;
  });

  /**
   * Rotating refresh: each token works once; reuse of a spent one revokes its whole family. The
   * token works only from the device it was issued to, proved by that device's key, and only
   * within the session's lifetime.
   */
  app.post('/auth/refresh', async (request, reply) => {
    const body = RefreshRequest.safeParse(request.body);
    if (!body.success) return sendProblem(reply, 400, 'invalid', 'A refresh token and device id are required.');
    const hash = hashRefreshToken(body.data.refreshToken);
    const rows = await db.query<{ device_id: string }>('SELECT device_id FROM refresh_token WHERE token_hash = $1', [
      hash,
    ]);
    if (rows[0] && rows[0].device_id !== body.data.deviceId)
      return sendAuthProblem(reply, 401, 'device-proof', 'This session belongs to another device.');
    const device = await findDevice(db, body.data.deviceId);
    if (device?.revoked)
      return sendAuthProblem(reply, 401, 'device-revoked', 'This device has been revoked by the administrator.');
    if (!device && options.deviceEnrollment === 'required')
      return sendAuthProblem(reply, 401, 'device-not-enrolled', 'This device is not enrolled.');
    const ath = proofHash(body.data.refreshToken);
    if (
      device &&
      !(
        body.data.proof &&
        (await verifyProof(db, body.data.proof, device.publicJwk, { deviceId: device.id, htu: '/auth/refresh', ath }))
      )
    ) {
      return sendAuthProblem(reply, 401, 'device-proof', 'The device could not prove its identity.');
    }
    const result = await db.transaction(async (tx) => {
      const found = await tx.query<{
        family: string;
        staff_id: string;
        device_id: string;
        expired: boolean;
        used_at: Date | null;
        too_old: boolean;
      }>(
        `SELECT t.family, t.staff_id, t.device_id, t.expires_at < now() AS expired, t.used_at,
           s.started_at + make_interval(secs => $2) < now() AS too_old
         FROM refresh_token t JOIN staff_session s ON s.family = t.family WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [hash, sessionLifetimeSeconds],
      );
      const row = found[0];
      if (!row || row.expired) return { refused: 'ended', family: null } as const;
      if (row.used_at) {
        await endSession(tx, row.family, 'reused');
        return { refused: 'ended', family: row.family } as const;
      }
      if (row.too_old) {
        await endSession(tx, row.family, 'lifetime');
        return { refused: 'expired', family: row.family } as const;
      }
      await tx.query('UPDATE refresh_token SET used_at = now() WHERE token_hash = $1', [hash]);
      return { refused: null, row } as const;
    });
    if (result.refused === 'expired') {
      sessions.ended([result.family], 'lifetime');
      return sendAuthProblem(
        reply,
        401,
        'session-expired',
        'The session has reached its maximum length; sign in again.',
      );
    }
    if (result.refused === 'ended') {
      if (result.family) sessions.ended([result.family], 'reused');
      return sendProblem(reply, 401, 'login', 'The session has ended; sign in again.');
    }
    const { row } = result;
    const staff = await findStaffById(db, row.staff_id);
    if (!staff?.active) return sendProblem(reply, 401, 'login', 'The account is not active.');
    if (device) await touchDevice(db, device.id);
    return issue(staff.user.id, staff.user.roles, row.device_id, row.family);
  });

  app.post('/auth/logout', async (request) => {
    const body = LogoutRequest.safeParse(request.body);
    if (body.success) {
      const family = await db.transaction(async (tx) => {
        const rows = await tx.query<{ family: string; staff_id: string }>(
          'SELECT family, staff_id FROM refresh_token WHERE token_hash = $1',
          [hashRefreshToken(body.data.refreshToken)],
        );
        const row = rows[0];
        if (!row) return null;
        await endSession(tx, row.family, 'sign_out');
        // What was opened with a stated reason is for that session only.
        await tx.query('UPDATE access_grant SET expires_at = now() WHERE staff_id = $1 AND expires_at > now()', [
          row.staff_id,
        ]);
        return row.family;
      });
      // This replica stops accepting the session's access tokens at once; the others within sessionCacheMs.
      if (family) sessions.ended([family], 'sign_out');
    }
    return { status: 'ok' };
  });
}
