import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendAuthProblem } from './auth-problem';
import type { AccessClaims, TokenSigner } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: AccessClaims;
  }
}

/**
 * Bearer access token required, of a session still open; without one the answer is 401 and
 * nothing is read. A revoked device is told so in words (its workstation wipes its cache).
 */
export function requireStaff(signer: TokenSigner, unauthorized: (reply: FastifyReply) => FastifyReply) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const claims = token ? await signer.verifyAccess(token) : null;
    if (claims) {
      request.staff = claims;
      return;
    }
    if (token && (await signer.refusal(token)) === 'device_revoked')
      return sendAuthProblem(reply, 401, 'device-revoked', 'This device has been revoked by the administrator.');
    return unauthorized(reply);
  };
}
