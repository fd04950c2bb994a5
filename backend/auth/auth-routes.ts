import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LoginRequest, type LoginResponse, RefreshRequest, type TokenPair } from '../../shared/protocol/auth';
import type { Db, Queryable } from '../db/db';
import { sendProblem } from '../http/problem';
import { hashPassword, verifyPassword } from './passwords';
import { findStaffById, findStaffByUsername } from './staff';
import {
  type TokenSigner,
  accessTokenSeconds,
  hashRefreshToken,
  newFamily,
  newRefreshToken,
  refreshTokenSeconds,
} from './tokens';

/** A session ends at sign-out or when a spent refresh token is reused: its tokens go, its record stays. */
async function endSession(tx: Queryable, family: string): Promise<void> {
  await tx.query('DELETE FROM refresh_token WHERE family = $1', [family]);
  await tx.query('UPDATE staff_session SET ended_at = now() WHERE family = $1 AND ended_at IS NULL', [family]);
}

export function registerAuthRoutes(app: FastifyInstance, db: Db, signer: TokenSigner): void {
  // Verified against when the username is unknown, so a wrong username costs the same time as a
  // wrong password and does not reveal which accounts exist.
  const dummyHash = hashPassword(randomUUID());
  const issue = async (staffId: string, roles: LoginResponse['user']['roles'], deviceId: string, family: string): Promise<TokenPair> => {
    const refreshToken = newRefreshToken();
    await db.query(
      `INSERT INTO refresh_token (token_hash, family, staff_id, device_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [hashRefreshToken(refreshToken), family, staffId, deviceId, refreshTokenSeconds],
    );
    const accessToken = await signer.signAccess({ sub: staffId, roles, device: deviceId });
    return { accessToken, expiresIn: accessTokenSeconds, refreshToken };
  };

  app.post('/auth/login', async (request, reply) => {
    const body = LoginRequest.safeParse(request.body);
    if (!body.success) return sendProblem(reply, 400, 'invalid', 'Username, password and device id are required.');
    const staff = await findStaffByUsername(db, body.data.username);
    const valid = await verifyPassword(staff?.passwordHash ?? (await dummyHash), body.data.password);
    if (!staff || !valid || !staff.active) {
      // The account's id when the username names one; never the username typed (it may be a name or a password).
      request.log.info({ event: 'sign-in-failed', user: staff?.user.id ?? null }, 'sign-in failed');
      return sendProblem(reply, 401, 'login', 'Wrong username or password.');
    }
    const family = newFamily();
    await db.query('INSERT INTO staff_session (family, staff_id, device_id) VALUES ($1, $2, $3)', [family, staff.user.id, body.data.deviceId]);
    const tokens = await issue(staff.user.id, staff.user.roles, body.data.deviceId, family);
    const response: LoginResponse = { ...tokens, user: staff.user };
    return response;
  });

  /** Rotating refresh: each token works once; reuse of a spent one revokes its whole family. */
  app.post('/auth/refresh', async (request, reply) => {
    const body = RefreshRequest.safeParse(request.body);
    if (!body.success) return sendProblem(reply, 400, 'invalid', 'A refresh token is required.');
    const hash = hashRefreshToken(body.data.refreshToken);
    const result = await db.transaction(async (tx) => {
      const rows = await tx.query<{ family: string; staff_id: string; device_id: string; expired: boolean; used_at: Date | null }>(
        `SELECT family, staff_id, device_id, expires_at < now() AS expired, used_at
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [hash],
      );
      const row = rows[0];
      if (!row || row.expired) return null;
      if (row.used_at) {
        await endSession(tx, row.family);
        return null;
      }
      await tx.query('UPDATE refresh_token SET used_at = now() WHERE token_hash = $1', [hash]);
      return row;
    });
    if (!result) return sendProblem(reply, 401, 'login', 'The session has ended; sign in again.');
    const staff = await findStaffById(db, result.staff_id);
    if (!staff?.active) return sendProblem(reply, 401, 'login', 'The account is not active.');
    return issue(staff.user.id, staff.user.roles, result.device_id, result.family);
  });

  app.post('/auth/logout', async (request) => {
    const body = RefreshRequest.safeParse(request.body);
    if (body.success) {
      await db.transaction(async (tx) => {
        const rows = await tx.query<{ family: string; staff_id: string }>('SELECT family, staff_id FROM refresh_token WHERE token_hash = $1', [hashRefreshToken(body.data.refreshToken)]);
        const row = rows[0];
        if (!row) return;
        await endSession(tx, row.family);
        // What was opened with a stated reason is for that session only.
        await tx.query('UPDATE access_grant SET expires_at = now() WHERE staff_id = $1 AND expires_at > now()', [row.staff_id]);
      });
    }
    return { status: 'ok' };
  });
}
