import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db';
import type { AuditLog } from '../audit/audit-log';
import type { ResourceStore } from '../fhir/store';
import { problemErrorHandler } from '../http/problem';
import { registerResidentAccessLog } from './resident-access-log';
import { registerResidentCarePlans } from './resident-care-plans';
import { registerResidentAuth, requireResident, residentTokens } from './resident-auth';
import { registerResidentChat } from './resident-chat';
import { registerResidentContacts } from './resident-contacts';
import { registerResidentRealtime } from './resident-realtime';

export interface ResidentOptions {
  db: Db;
  store: ResourceStore;
  /** The backend's one group-committed read audit, shared with the FHIR API. */
  auditLog: AuditLog;
  tokenSecret: Uint8Array;
  /** Where sign-in codes are "sent": the backend log in the demo. */
  log: (line: string) => void;
  /** The built resident web client (vite build of resident-web). */
  webRoot?: string;
}

/** The resident's side: sign-in, the task-shaped API, realtime, and the web client at /r/. */
export async function registerResident(app: FastifyInstance, options: ResidentOptions): Promise<void> {
  const tokens = residentTokens(options.tokenSecret);
  await app.register((scope) => registerResidentAuth(scope, options.db, tokens, options.log));
  await app.register(async (scope) => {
    scope.addHook('preHandler', requireResident(tokens));
    scope.setErrorHandler(problemErrorHandler(scope.log));
    registerResidentContacts(scope, options.store, options.auditLog);
    registerResidentChat(scope, options.store, options.auditLog);
    registerResidentAccessLog(scope, options.db);
    registerResidentCarePlans(scope, options.store, options.auditLog);
  });
  await registerResidentRealtime(app, options.db, tokens);

  // The client loads only its own scripts and talks only to this origin.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/r/')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; style-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
      );
      reply.header('x-content-type-options', 'nosniff');
    }
  });
  const webRoot = resolve(options.webRoot ?? 'out/resident');
  if (existsSync(resolve(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/r/' });
  } else {
    app.get('/r/', async (_request, reply) =>
      reply.code(503).type('text/plain').send('The resident web client is not built: run npm run build.'),
    );
  }
  app.get('/r', async (_request, reply) => reply.redirect('/r/'));
}
