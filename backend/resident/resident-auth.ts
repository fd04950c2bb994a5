import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Patient } from '@medplum/fhirtypes';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SignJWT, jwtVerify } from 'jose';
import { requiredClaims } from '../auth/tokens';
import { isResidentLanguage } from '../../shared/i18n/resident';
import { ResidentCodeRequest, type ResidentSession, ResidentVerifyRequest } from '../../shared/protocol/resident';
import type { Db } from '../db/db';
import { sendProblem } from '../http/problem';

/**
 * Resident sign-in for the demo: a one-time code "sent" to the resident appears in the backend
 * log. Strong national identification (Suomi.fi) is out of scope. Codes live 10 minutes and
 * allow 5 tries; the token is for the resident API only (its own issuer, so staff routes refuse it).
 */
const issuer = 'kaari-resident';
export const residentTokenSeconds = 2 * 60 * 60;
const codeMinutes = 10;
const maxAttempts = 5;
export const codeIntervalSeconds = 30;
/**
 * Per client address as well, per replica: one code per identifier every 30 s still let one
 * machine ask codes for, and guess at, thousands of identifiers at once. Generous enough for a
 * library or health-centre network where many residents share one address.
 */
export const perAddress = { codes: 30, tries: 60, window: '10 minutes' } as const;

declare module 'fastify' {
  interface FastifyRequest {
    residentId?: string;
  }
}

const hashCode = (identifier: string, code: string) =>
  createHash('sha256').update(`${identifier}:${code}`).digest('hex');

export interface ResidentTokens {
  sign(patientId: string): Promise<string>;
  verify(token: string): Promise<string | null>;
}

export function residentTokens(secret: Uint8Array): ResidentTokens {
  return {
    sign: (patientId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(patientId)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${residentTokenSeconds}s`)
        .sign(secret),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, { issuer, algorithms: ['HS256'], requiredClaims });
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    },
  };
}

export async function findResident(db: Db, identifier: string): Promise<Patient | null> {
  const rows = await db.query<{ body: Patient }>(
    "SELECT body FROM resource_current WHERE type = 'Patient' AND NOT deleted AND body->'identifier' @> $1::jsonb",
    [JSON.stringify([{ value: identifier }])],
  );
  return rows[0]?.body ?? null;
}

export const residentName = (p: Patient): string =>
  [p.name?.[0]?.given?.[0], p.name?.[0]?.family].filter(Boolean).join(' ');
export const residentLanguage = (p: Patient) => {
  const code =
    p.communication?.find((c) => c.preferred)?.language.coding?.[0]?.code ??
    p.communication?.[0]?.language.coding?.[0]?.code;
  return isResidentLanguage(code) ? code : 'fi';
};

export function requireResident(tokens: ResidentTokens) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const patientId = header?.startsWith('Bearer ') ? await tokens.verify(header.slice(7)) : null;
    if (!patientId) return sendProblem(reply, 401, 'login', 'Sign in first.');
    request.residentId = patientId;
  };
}

export async function registerResidentAuth(
  app: FastifyInstance,
  db: Db,
  tokens: ResidentTokens,
  log: (line: string) => void,
): Promise<void> {
  await app.register(rateLimit, { global: false });
  app.post(
    '/resident/auth/code',
    { config: { rateLimit: { max: perAddress.codes, timeWindow: perAddress.window } } },
    async (request, reply) => {
      const body = ResidentCodeRequest.safeParse(request.body);
      if (!body.success) return sendProblem(reply, 400, 'invalid', 'An identifier like SYN-000002 is required.');
      const patient = await findResident(db, body.data.identifier);
      // The same answer whether or not the resident exists: the endpoint reveals nobody.
      if (patient?.id) {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        // At most one new code per identifier every 30 s: asking again cannot flood a phone
        // (here, the log), and a fresh code does not reset the attempt budget any faster.
        const issued = await db.query(
          `INSERT INTO resident_login_code (identifier, patient_id, code_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))
         ON CONFLICT (identifier) DO UPDATE SET code_hash = $3, patient_id = $2, expires_at = now() + make_interval(mins => $4), attempts = 0
         WHERE resident_login_code.expires_at < now() + make_interval(mins => $4) - make_interval(secs => $5)
         RETURNING identifier`,
          [body.data.identifier, patient.id, hashCode(body.data.identifier, code), codeMinutes, codeIntervalSeconds],
        );
        if (issued.length > 0) log(`Resident sign-in code for ${body.data.identifier}: ${code}`);
      }
      return reply.code(202).send({ status: 'sent' });
    },
  );

  app.post(
    '/resident/auth/verify',
    { config: { rateLimit: { max: perAddress.tries, timeWindow: perAddress.window } } },
    async (request, reply) => {
      const body = ResidentVerifyRequest.safeParse(request.body);
      if (!body.success) return sendProblem(reply, 400, 'invalid', 'The identifier and a 6-digit code are required.');
      const { identifier, code } = body.data;
      const patientId = await db.transaction(async (tx) => {
        const rows = await tx.query<{ patient_id: string; code_hash: string; live: boolean; attempts: number }>(
          'SELECT patient_id, code_hash, expires_at > now() AS live, attempts FROM resident_login_code WHERE identifier = $1 FOR UPDATE',
          [identifier],
        );
        const row = rows[0];
        if (!row || !row.live || row.attempts >= maxAttempts) return null;
        const ok = timingSafeEqual(Buffer.from(row.code_hash, 'hex'), Buffer.from(hashCode(identifier, code), 'hex'));
        if (ok) await tx.query('DELETE FROM resident_login_code WHERE identifier = $1', [identifier]);
        else
          await tx.query('UPDATE resident_login_code SET attempts = attempts + 1 WHERE identifier = $1', [identifier]);
        return ok ? row.patient_id : null;
      });
      if (!patientId) {
        // No identifier in the log: it is the resident's own.
        request.log.info({ event: 'resident-sign-in-failed' }, 'resident sign-in failed');
        return sendProblem(reply, 401, 'login', 'The code was wrong or has expired.');
      }
      const patient = await findResident(db, identifier);
      if (!patient) return sendProblem(reply, 401, 'login', 'The code was wrong or has expired.');
      const session: ResidentSession = {
        accessToken: await tokens.sign(patientId),
        expiresIn: residentTokenSeconds,
        patientId,
        name: residentName(patient),
        language: residentLanguage(patient),
      };
      return session;
    },
  );
}
