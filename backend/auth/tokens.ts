import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';
import { Role } from '../../shared/contract/schemas';
import type { SessionRefusal } from './session-check';
import { accessTokenSeconds } from './token-lifetimes';

export { accessTokenSeconds, refreshTokenSeconds, sessionLifetimeSeconds } from './token-lifetimes';
const issuer = 'kaari-regional-backend';

/** `sid` names the session (staff_session.family): sign-out and device revocation end it, and with it every access token it issued. */
export const AccessClaims = z.object({ sub: z.string(), roles: z.array(Role), device: z.string(), sid: z.string() });
export type AccessClaims = z.infer<typeof AccessClaims>;

export interface TokenSigner {
  signAccess(claims: AccessClaims): Promise<string>;
  /** The claims of a well-signed, unexpired token whose session is still open; null otherwise. */
  verifyAccess(token: string): Promise<AccessClaims | null>;
  /** Why a token is refused (null when it is accepted): the workstation wipes its cache only for `device_revoked`. */
  refusal(token: string): Promise<SessionRefusal | 'invalid' | null>;
  /** Whether session `sid` still holds (null) or why not; for sockets that outlive their token. */
  session(sid: string): Promise<SessionRefusal | null>;
}

/**
 * Every token of ours must carry `exp`: jose checks it when present, so it is demanded here (a
 * token signed with the right key but without an expiry would otherwise live forever).
 */
export const requiredClaims = ['exp', 'iat'];

/** `sessions` checks the session a token names (cached briefly); without it only the signature and expiry count (unit tests). */
export function createTokenSigner(
  secret: Uint8Array,
  now: () => number = Date.now,
  sessions?: (sid: string) => Promise<SessionRefusal | null>,
): TokenSigner {
  const claimsOf = async (token: string): Promise<AccessClaims | null> => {
    try {
      const { payload } = await jwtVerify(token, secret, {
        issuer,
        algorithms: ['HS256'],
        currentDate: new Date(now()),
        requiredClaims,
      });
      return AccessClaims.safeParse(payload).data ?? null;
    } catch {
      return null;
    }
  };
  const refusal = async (token: string) => {
    const claims = await claimsOf(token);
    if (!claims) return 'invalid' as const;
    return sessions ? sessions(claims.sid) : null;
  };
  return {
    signAccess: (claims) =>
      new SignJWT({ roles: claims.roles, device: claims.device, sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setIssuedAt(Math.floor(now() / 1000))
        .setExpirationTime(Math.floor(now() / 1000) + accessTokenSeconds)
        .sign(secret),
    async verifyAccess(token) {
      const claims = await claimsOf(token);
      if (!claims) return null;
      return sessions && (await sessions(claims.sid)) ? null : claims;
    },
    refusal,
    session: async (sid) => (sessions ? sessions(sid) : null),
  };
}

/** Refresh tokens are opaque random strings; only their hash is stored. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newFamily = (): string => randomUUID();
