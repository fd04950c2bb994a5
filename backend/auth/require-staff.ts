import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessClaims, TokenSigner } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: AccessClaims;
  }
}

/** Bearer access token required; without a valid one the answer is 401 and nothing is read. */
export function requireStaff(signer: TokenSigner, unauthorized: (reply: FastifyReply) => FastifyReply) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const claims = token ? await signer.verifyAccess(token) : null;
    if (!claims) return unauthorized(reply);
    request.staff = claims;
  };
}
