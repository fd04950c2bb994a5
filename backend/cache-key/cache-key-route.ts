import { createHmac, hkdfSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CacheKeyRequest, type CacheKeyResponse, cacheKeyPath } from '../../shared/protocol/cache-key';
import { requireStaff } from '../auth/require-staff';
import type { TokenSigner } from '../auth/tokens';
import { sendProblem } from '../http/problem';

/**
 * Releases a signed-in professional's cache wrapping key. It is derived, never stored: an HMAC
 * of the user id and the cache's salt under a key derived from the backend's token secret, so
 * every replica answers the same and there is no table of keys to steal. A copied cache file
 * (and its wrapped key) is useless without signing in as its owner. Rotating the token secret
 * makes every workstation cache unreadable: each is then moved aside and synced afresh.
 */
export function registerCacheKeyRoute(app: FastifyInstance, signer: TokenSigner, tokenSecret: Uint8Array): void {
  const master = Buffer.from(
    hkdfSync('sha256', tokenSecret, Buffer.alloc(0), 'kaari workstation cache wrapping key v1', 32),
  );
  const unauthorized = (reply: Parameters<typeof sendProblem>[0]) => sendProblem(reply, 401, 'login', 'Sign in first.');
  app.post(cacheKeyPath, { preHandler: requireStaff(signer, unauthorized) }, async (request, reply) => {
    const body = CacheKeyRequest.safeParse(request.body);
    if (!body.success) return sendProblem(reply, 400, 'invalid', 'A salt of 16 to 64 bytes (base64url) is required.');
    const staffId = request.staff?.sub ?? '';
    const key = createHmac('sha256', master).update(`${staffId}\u0000${body.data.salt}`).digest('base64url');
    const response: CacheKeyResponse = { key };
    // Not cacheable anywhere between here and the workstation.
    void reply.header('cache-control', 'no-store');
    return response;
  });
}
