import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerCacheKeyRoute } from './cache-key/cache-key-route';
import { registerAdminRoutes } from './auth/admin-routes';
import { type AuthOptions, registerAuthRoutes } from './auth/auth-routes';
import { createSessionCheck } from './auth/session-check';
import { createTokenSigner } from './auth/tokens';
import { createAuditLog } from './audit/audit-log';
import { registerFhirRoutes } from './fhir/routes';
import { ResourceStore } from './fhir/store';
import type { Db } from './db/db';
import { registerInputGuard } from './http/input-guard';
import { registerJsonParser } from './http/json-body';
import { type LogOptions, loggerOptions, registerRequestLog } from './http/logging';
import { problemErrorHandler, sendProblem } from './http/problem';
import { parseQuery } from './http/query-rules';
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
  /** Structured JSON-line logging (backend/http/logging.ts); off when absent. */
  logger?: LogOptions | false;
  /** Where resident sign-in codes are written (the demo's stand-in for a text message). */
  log?: (line: string) => void;
  /** STUN/TURN for video visits (KAARI_STUN_URL, KAARI_TURN_URL, KAARI_TURN_SECRET). */
  ice?: IceConfig;
  /** The public address FHIR links name (KAARI_PUBLIC_URL); else the request's Host/X-Forwarded-*. */
  publicUrl?: string;
  /** Whether only enrolled devices sign in (backend/auth/auth-routes.ts); `optional` unless said. */
  deviceEnrollment?: AuthOptions['deviceEnrollment'];
}

export const backendVersion = '0.1.0';

export async function buildBackend(options: BackendOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(options.logger),
    bodyLimit: 5 * 1024 * 1024,
    routerOptions: { querystringParser: parseQuery },
    // A path that is not valid percent-encoding (`%ff`, `%C0%80`) is refused like any other bad input.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400, 'invalid', error.message),
  });
  // Input is checked in one place before any route reads it: backend/http (docs/ARCHITECTURE.md).
  registerRequestLog(app);
  registerJsonParser(app);
  registerInputGuard(app);
  app.setErrorHandler(problemErrorHandler());
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, 404, 'not-found', 'No such endpoint.'));

  app.get('/healthz', async () => ({ status: 'ok' as const, version: backendVersion }));
  const sessions = createSessionCheck(options.db);
  await sessions.reload();
  app.addHook('onClose', async () => sessions.stop());
  // A request in flight when closing begins (a workstation's last sync, now refused at once as its
  // session ended) leaves a keep-alive connection that Node closed only if idle at that moment:
  // swept until the server has closed, so shutdown does not wait out the keep-alive timeout.
  app.addHook('preClose', (done) => {
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    app.server.once('close', () => clearInterval(sweep));
    done();
  });
  const signer = createTokenSigner(options.tokenSecret, Date.now, sessions);
  registerAuthRoutes(app, options.db, signer, sessions, { deviceEnrollment: options.deviceEnrollment ?? 'optional' });
  registerAdminRoutes(app, options.db, signer, sessions);
  registerCacheKeyRoute(app, signer, options.tokenSecret);
  const store = new ResourceStore(options.db);
  // One audit log for the FHIR API and the resident API: one group commit, not two competing for the write lock.
  const auditLog = createAuditLog(store);
  registerFhirRoutes(app, store, signer, backendVersion, auditLog, options.publicUrl);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await registerRealtime(app, options.db, signer);
  await registerResident(app, {
    db: options.db,
    store,
    auditLog,
    tokenSecret: options.tokenSecret,
    log: options.log ?? ((line) => console.log(line)),
  });
  const staffNames = createStaffNames(options.db);
  await registerVideo(app, {
    store,
    signer,
    residents: residentTokens(options.tokenSecret),
    tokenSecret: options.tokenSecret,
    auditLog,
    ice: options.ice ?? {},
    staffName: (id) => staffNames.get(id),
  });
  return app;
}
