import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';
import { Role } from '../../shared/contract/schemas';

export const accessTokenSeconds = 15 * 60;
export const refreshTokenSeconds = 12 * 60 * 60;
const issuer = 'kaari-regional-backend';

export const AccessClaims = z.object({ sub: z.string(), roles: z.array(Role), device: z.string() });
export type AccessClaims = z.infer<typeof AccessClaims>;

export interface TokenSigner {
  signAccess(claims: AccessClaims): Promise<string>;
  verifyAccess(token: string): Promise<AccessClaims | null>;
}

export function createTokenSigner(secret: Uint8Array, now: () => number = Date.now): TokenSigner {
  return {
    signAccess: (claims) =>
      new SignJWT({ roles: claims.roles, device: claims.device })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setIssuedAt(Math.floor(now() / 1000))
        .setExpirationTime(Math.floor(now() / 1000) + accessTokenSeconds)
        .sign(secret),
    async verifyAccess(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer,
          algorithms: ['HS256'],
          currentDate: new Date(now()),
        });
        return AccessClaims.safeParse(payload).data ?? null;
      } catch {
        return null;
      }
    },
  };
}

/** Refresh tokens are opaque random strings; only their hash is stored. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newFamily = (): string => randomUUID();
