import type { FastifyInstance } from 'fastify';
import { registerAccessRoutes } from '../access/access-routes';
import type { AuditLog } from '../audit/audit-log';
import { requireStaff } from '../auth/require-staff';
import type { TokenSigner } from '../auth/tokens';
import { problemErrorHandler, sendProblem } from '../http/problem';
import { registerSyncRoutes } from '../sync/sync-routes';
import { capabilityStatement } from './capability';
import { fhirBase } from './rest/base-url';
import { fhirJson } from './rest/context';
import { registerReadHandlers } from './rest/read-handlers';
import { registerWriteHandlers } from './rest/write-handlers';
import type { ResourceStore } from './store';

/**
 * The staff API: FHIR REST, the sync feed and stated-reason access, all behind a valid access
 * token and all narrowed by the one access rule (backend/access, docs/SECURITY.md).
 */
export function registerFhirRoutes(
  app: FastifyInstance,
  store: ResourceStore,
  signer: TokenSigner,
  version: string,
  auditLog: AuditLog,
  publicUrl?: string,
): void {
  app.get('/fhir/metadata', async (request, reply) =>
    reply.type(fhirJson).send(capabilityStatement(version, fhirBase(request, publicUrl))),
  );

  app.register(async (scope) => {
    scope.addHook(
      'onRequest',
      requireStaff(signer, (reply) => sendProblem(reply, 401, 'login', 'A valid access token is required.')),
    );
    scope.setErrorHandler(problemErrorHandler(app.log));
    const api = { store, auditLog, ...(publicUrl ? { publicUrl } : {}) };
    registerWriteHandlers(scope, api);
    registerReadHandlers(scope, api);
    registerSyncRoutes(scope, api);
    registerAccessRoutes(scope, api);
  });
}
