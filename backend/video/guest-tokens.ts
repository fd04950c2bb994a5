import { SignJWT, jwtVerify } from 'jose';
import { requiredClaims } from '../auth/tokens';

/**
 * An interpreter's or family member's invitation: a signed token naming one visit and one guest
 * participant (jti). It lets exactly one browser at a time into that visit's waiting room, only
 * while the visit is open; the professional still admits. Its own issuer, so no other API takes it.
 */
const issuer = 'kaari-video-guest';
export const guestTokenSeconds = 4 * 60 * 60;

export interface GuestClaims {
  appointmentId: string;
  jti: string;
}

export function guestTokens(secret: Uint8Array) {
  return {
    sign: (claims: GuestClaims) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.appointmentId)
        .setJti(claims.jti)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${guestTokenSeconds}s`)
        .sign(secret),
    async verify(token: string): Promise<GuestClaims | null> {
      try {
        const { payload } = await jwtVerify(token, secret, { issuer, algorithms: ['HS256'], requiredClaims });
        return typeof payload.sub === 'string' && typeof payload.jti === 'string'
          ? { appointmentId: payload.sub, jti: payload.jti }
          : null;
      } catch {
        return null;
      }
    },
  };
}
export type GuestTokens = ReturnType<typeof guestTokens>;
