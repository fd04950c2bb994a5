import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuthRoutes } from './auth/auth-routes';
import { registerCacheKeyRoute } from './cache-key/cache-key-route';
import { createTokenSigner } from './auth/tokens';
import { createAuditLog } from './audit/audit-log';
import { registerFhirRoutes } from './fhir/routes';
import { ResourceStore } from './fhir/store';
import type { Db } from './db/db';
import { problemErrorHandler, sendProblem } from './http/problem';
import { registerRealtime } from './realtime/realtime';
import { registerResident } from './resident/register';
import { createStaffNames } from './auth/staff-names';
import { residentTokens } from './resident/resident-auth';
import type { IceConfig } from './video/ice-servers';
import { registerVideo } from './video/register';

export interface BackendOptions {
  db: Db;
  /** HMAC key for access tokens; shared by every replica. */
  tokenSecret: Uint8Array;
  logger?: boolean;
  /** Where resident sign-in codes are written (the demo's stand-in for a text message). */
  log?: (line: string) => void;
  /** STUN/TURN for video visits (KAARI_STUN_URL, KAARI_TURN_URL, KAARI_TURN_SECRET). */
  ice?: IceConfig;
}

export const backendVersion = '0.1.0';

export async function buildBackend(options: BackendOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 5 * 1024 * 1024 });
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setErrorHandler(problemErrorHandler(app.log));
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, 404, 'not-found', 'No such endpoint.'));

  app.get('/healthz', async () => ({ status: 'ok' as const, version: backendVersion }));
  const signer = createTokenSigner(options.tokenSecret);
  registerAuthRoutes(app, options.db, signer);
  registerCacheKeyRoute(app, signer, options.tokenSecret);
  const store = new ResourceStore(options.db);
  // One audit log for the FHIR API and the resident API: one group commit, not two competing for the write lock.
  const auditLog = createAuditLog(store);
  registerFhirRoutes(app, store, signer, backendVersion, auditLog);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await registerRealtime(app, options.db, signer);
  await registerResident(app, { db: options.db, store, auditLog, tokenSecret: options.tokenSecret, log: options.log ?? ((line) => console.log(line)) });
  const staffNames = createStaffNames(options.db);
  await registerVideo(app, { store, signer, residents: residentTokens(options.tokenSecret), tokenSecret: options.tokenSecret, auditLog, ice: options.ice ?? {}, staffName: (id) => staffNames.get(id) });
  return app;
}
