import { createHash, randomInt } from 'node:crypto';
import { type JWK, importJWK, jwtVerify } from 'jose';
import {
  type EnrollRequest,
  type EnrollmentCode,
  type DeviceSummary,
  deviceProofSeconds,
  deviceProofType,
  PublicJwk,
} from '../../shared/protocol/devices';
import type { Db, Queryable } from '../db/db';

/** Codes are read aloud or typed: no 0/O, 1/I/L. 8 of 31 characters is ~40 bits, tried at most 20 times per address in 10 minutes. */
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const enrollmentCodeHours = 24;

const hashCode = (code: string) =>
  createHash('sha256')
    .update(code.replace(/[^A-Z0-9]/gi, '').toUpperCase())
    .digest('hex');
export const proofHash = (value: string) => createHash('sha256').update(value).digest('base64url');

export interface DeviceRow {
  id: string;
  publicJwk: PublicJwk;
  revoked: boolean;
}

export async function findDevice(db: Queryable, id: string): Promise<DeviceRow | null> {
  const rows = await db.query<{ id: string; public_jwk: unknown; revoked: boolean }>(
    'SELECT id, public_jwk, revoked_at IS NOT NULL AS revoked FROM device WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { id: row.id, publicJwk: PublicJwk.parse(row.public_jwk), revoked: row.revoked } : null;
}

/** A one-time code the administrator hands to whoever sets up a workstation. */
export async function createEnrollmentCode(db: Queryable, createdBy: string): Promise<EnrollmentCode> {
  const raw = Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
  const rows = await db.query<{ expires_at: Date }>(
    'INSERT INTO enrollment_code (code_hash, created_by, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3)) RETURNING expires_at',
    [hashCode(code), createdBy, enrollmentCodeHours],
  );
  return { code, expiresAt: new Date(rows[0]!.expires_at).toISOString() };
}

/**
 * Verifies a device proof: an ES256 JWT of our type, signed by `key`, naming the device, the
 * endpoint and (for a refresh) the token it is about, at most a minute old, and never seen before.
 */
export async function verifyProof(
  db: Queryable,
  proof: string,
  key: PublicJwk,
  expect: { deviceId: string; htu: string; ath?: string },
): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(proof, await importJWK(key as JWK, 'ES256'), {
      algorithms: ['ES256'],
      typ: deviceProofType,
      subject: expect.deviceId,
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: `${deviceProofSeconds}s`,
      clockTolerance: 30,
    });
    if (payload.htm !== 'POST' || payload.htu !== expect.htu) return false;
    if (expect.ath !== undefined && payload.ath !== expect.ath) return false;
    if (typeof payload.jti !== 'string' || payload.jti.length > 100) return false;
    await db.query('DELETE FROM device_proof WHERE expires_at < now()');
    const fresh = await db.query(
      'INSERT INTO device_proof (jti, expires_at) VALUES ($1, now() + make_interval(secs => $2)) ON CONFLICT (jti) DO NOTHING RETURNING jti',
      [`${expect.deviceId}:${payload.jti}`, deviceProofSeconds * 3],
    );
    return fresh.length === 1;
  } catch {
    return false;
  }
}

export type EnrollResult = 'enrolled' | 'bad-code' | 'bad-proof' | 'already-enrolled';

/** Enrolls a device with a one-time code: the code is spent and the device's public key kept. */
export async function enroll(db: Db, request: EnrollRequest): Promise<EnrollResult> {
  if (!(await verifyProof(db, request.proof, request.publicJwk, { deviceId: request.deviceId, htu: '/auth/enroll' })))
    return 'bad-proof';
  return db.transaction(async (tx) => {
    const codes = await tx.query<{ created_by: string }>(
      'SELECT created_by FROM enrollment_code WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE',
      [hashCode(request.code)],
    );
    if (!codes[0]) return 'bad-code';
    if ((await tx.query('SELECT 1 FROM device WHERE id = $1', [request.deviceId])).length > 0)
      return 'already-enrolled';
    await tx.query('UPDATE enrollment_code SET used_at = now(), device_id = $2 WHERE code_hash = $1', [
      hashCode(request.code),
      request.deviceId,
    ]);
    await tx.query('INSERT INTO device (id, public_jwk, enrolled_by, app_version) VALUES ($1, $2, $3, $4)', [
      request.deviceId,
      JSON.stringify(request.publicJwk),
      codes[0].created_by,
      request.appVersion,
    ]);
    return 'enrolled';
  });
}

/** A sign-in or refresh from the device: the administrator's list shows when and which version. */
export async function touchDevice(db: Queryable, id: string, appVersion?: string): Promise<void> {
  await db.query('UPDATE device SET last_contact_at = now(), app_version = COALESCE($2, app_version) WHERE id = $1', [
    id,
    appVersion ?? null,
  ]);
}

/**
 * Revokes a device: its sessions end (reason kept, so its next contact learns why) and its
 * refresh tokens go. Null when there is no such device (or it was revoked already); else the sessions ended.
 */
export async function revokeDevice(db: Db, id: string, by: string): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      'UPDATE device SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, by],
    );
    if (rows.length === 0) return null;
    const ended = await tx.query<{ family: string }>(
      "UPDATE staff_session SET ended_at = now(), end_reason = 'device_revoked' WHERE device_id = $1 AND ended_at IS NULL RETURNING family",
      [id],
    );
    await tx.query('DELETE FROM refresh_token WHERE device_id = $1', [id]);
    return ended.map((r) => r.family);
  });
}

export async function listDevices(db: Queryable): Promise<DeviceSummary[]> {
  const rows = await db.query<{
    id: string;
    app_version: string;
    enrolled_at: Date;
    last_contact_at: Date;
    revoked_at: Date | null;
    users: { id: string; displayName: string }[] | null;
  }>(
    `SELECT d.id, d.app_version, d.enrolled_at, d.last_contact_at, d.revoked_at,
       (SELECT json_agg(json_build_object('id', s.id, 'displayName', s.display_name) ORDER BY s.display_name)
          FROM staff s WHERE s.id IN (SELECT staff_id FROM staff_session WHERE device_id = d.id)) AS users
     FROM device d ORDER BY d.revoked_at IS NOT NULL, d.last_contact_at DESC`,
  );
  const iso = (d: Date) => new Date(d).toISOString();
  return rows.map((r) => ({
    id: r.id,
    users: r.users ?? [],
    appVersion: r.app_version,
    enrolledAt: iso(r.enrolled_at),
    lastContactAt: iso(r.last_contact_at),
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
  }));
}

/** True when no device is enrolled and unrevoked: the backend then prints a code for the first one. */
export async function noActiveDevice(db: Queryable): Promise<boolean> {
  return (await db.query('SELECT 1 FROM device WHERE revoked_at IS NULL LIMIT 1')).length === 0;
}
