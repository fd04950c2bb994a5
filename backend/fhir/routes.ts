import type { Bundle, Parameters, Resource, Task } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canRead, canWrite, readableTypes } from '../../shared/fhir/access-policy';
import { isResourceType, patientDataTypes } from '../../shared/fhir/resource-types';
import { ChangesQuery, type ChangesPage, idempotencyHeader } from '../../shared/protocol/sync';
import { requireStaff } from '../auth/require-staff';
import type { TokenSigner } from '../auth/tokens';
import type { Queryable } from '../db/db';
import { problemErrorHandler, sendProblem } from '../http/problem';
import { createStaffNames } from '../auth/staff-names';
import { AccessUpload, accessLogPath } from '../../shared/protocol/access-log';
import { type AuditAction, type AuditLog, recordWorkstationReads } from './audit';
import { claimTask } from './claim';
import { assertMayChangeHolder } from './holder-rule';
import { capabilityStatement } from './capability';
import { FhirError, invalid } from './fhir-error';
import { buildSearch } from './search';
import type { ResourceStore, Stored } from './store';
import { applyTransaction, etag, parseEtag } from './transaction';

type Query = Record<string, string | string[] | undefined>;
const fhirJson = 'application/fhir+json; charset=utf-8';

export function registerFhirRoutes(app: FastifyInstance, store: ResourceStore, signer: TokenSigner, version: string, auditLog: AuditLog): void {
  const staff = (request: FastifyRequest) => {
    if (!request.staff) throw new FhirError(401, 'login', 'Sign in first.');
    return request.staff;
  };
  const typeFor = (request: FastifyRequest, mode: 'read' | 'write'): string => {
    const type = (request.params as { type: string }).type;
    if (!isResourceType(type)) throw new FhirError(404, 'not-supported', `Resource type ${type} is not supported`);
    const roles = staff(request).roles;
    if (!(mode === 'read' ? canRead(roles, type) : canWrite(roles, type)) || (mode === 'write' && type === 'AuditEvent')) {
      throw new FhirError(403, 'forbidden', `Your role may not ${mode} ${type}`);
    }
    return type;
  };
  const staffNames = createStaffNames(store.db);
  const audit = async (request: FastifyRequest, action: AuditAction, stored: readonly Stored[]) => {
    const refs = stored.filter((s) => (patientDataTypes as readonly string[]).includes(s.resource.resourceType)).map((s) => `${s.resource.resourceType}/${s.resource.id}`);
    await auditLog.record(staff(request).sub, action, refs);
  };
  const sendResource = (reply: FastifyReply, stored: Stored, status = 200) =>
    reply
      .code(status)
      .type(fhirJson)
      .header('etag', etag(stored.versionId))
      .header('last-modified', new Date(stored.resource.meta?.lastUpdated ?? Date.now()).toUTCString())
      .header('location', `/fhir/${stored.resource.resourceType}/${stored.resource.id}/_history/${stored.versionId}`)
      .send(stored.resource);
  const search = async (q: Queryable, type: string, query: Query) => {
    const s = buildSearch(type, query);
    const rows = await q.query<{ body: Resource; seq: string; version_id: number; deleted: boolean }>(
      `SELECT body, seq, version_id, deleted, count(*) OVER () AS total FROM resource_current WHERE ${s.where} ORDER BY ${s.orderBy} LIMIT ${s.count + 1} OFFSET ${s.offset}`,
      s.params,
    );
    return { s, rows: rows.map((r) => ({ resource: r.body, seq: Number(r.seq), versionId: r.version_id, deleted: r.deleted })) };
  };
  const pageLinks = (request: FastifyRequest, offset: number, count: number, hasNext: boolean) => {
    const url = new URL(request.url, 'http://host');
    const at = (o: number) => {
      url.searchParams.set('_offset', String(o));
      url.searchParams.set('_count', String(count));
      return `${url.pathname}${url.search}`;
    };
    const links = [{ relation: 'self', url: at(offset) }];
    if (hasNext) links.push({ relation: 'next', url: at(offset + count) });
    if (offset > 0) links.push({ relation: 'previous', url: at(Math.max(0, offset - count)) });
    return links;
  };

  app.get('/fhir/metadata', async (_request, reply) => reply.type(fhirJson).send(capabilityStatement(version)));

  app.register(async (scope) => {
    scope.addHook('onRequest', requireStaff(signer, (reply) => sendProblem(reply, 401, 'login', 'A valid access token is required.')));
    scope.setErrorHandler(problemErrorHandler(app.log));

    scope.post('/fhir', async (request, reply) => {
      const bundle = request.body as Bundle;
      const roles = staff(request).roles;
      const key = request.headers[idempotencyHeader];
      if (key !== undefined && (typeof key !== 'string' || key.length < 8 || key.length > 200)) throw invalid('Idempotency-Key must be 8 to 200 characters');
      const result = await store.write(async (tx) => {
        if (key) {
          const seen = await tx.query<{ status: number; response: Bundle; staff_id: string }>('SELECT status, response, staff_id FROM idempotency_key WHERE key = $1', [key]);
          // A retried push gets the first answer again; nothing is applied twice.
          if (seen[0]) return { status: seen[0].status, response: seen[0].response, replayed: true };
        }
        const response = await applyTransaction(store, tx, bundle, {
          assertWrite: (type) => {
            if (!isResourceType(type) || !canWrite(roles, type) || type === 'AuditEvent') throw new FhirError(403, 'forbidden', `Your role may not write ${type}`);
          },
          beforeUpdate: async (type, id, resource) => {
            if (type === 'Task') await assertMayChangeHolder(tx, staff(request), id, resource as Task);
          },
        }, async (type, query) => (await search(tx, type, Object.fromEntries(new URLSearchParams(query)))).rows);
        if (key) await tx.query('INSERT INTO idempotency_key (key, staff_id, status, response) VALUES ($1, $2, 200, $3)', [key, staff(request).sub, response]);
        return { status: 200, response, replayed: false };
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).type(fhirJson).send(result.response);
    });

    scope.post(accessLogPath, async (request) => {
      const parsed = AccessUpload.safeParse(request.body);
      if (!parsed.success) throw invalid(`Invalid access log upload: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
      const who = staff(request);
      return recordWorkstationReads(store, who.sub, who.device, parsed.data);
    });

    scope.get('/sync/changes', async (request) => {
      const query = ChangesQuery.safeParse(request.query);
      if (!query.success) throw invalid('after and limit must be non-negative integers');
      const types = readableTypes(staff(request).roles);
      const page = await store.changes(store.db, query.data.after, query.data.limit, types);
      await audit(request, 'sync', page.changes.filter((c) => c.resource).map((c) => ({ resource: c.resource as unknown as Resource, seq: c.seq, versionId: 0, deleted: false })));
      const last = page.changes.at(-1);
      const body: ChangesPage = { changes: page.changes, next: last?.seq ?? query.data.after, more: page.changes.length === query.data.limit, latest: page.latest };
      return body;
    });

    scope.post('/fhir/:type', async (request, reply) => {
      const type = typeFor(request, 'write');
      const resource = request.body as Resource;
      if (resource?.resourceType !== type) throw invalid(`Body must be a ${type}`);
      const ifNoneExist = request.headers['if-none-exist'];
      const result = await store.write(async (tx) => {
        if (typeof ifNoneExist === 'string') {
          const { rows } = await search(tx, type, Object.fromEntries(new URLSearchParams(ifNoneExist)));
          if (rows.length > 1) throw new FhirError(412, 'duplicate', `If-None-Exist matched ${rows.length} resources`);
          if (rows[0]) return { stored: rows[0], status: 200 };
        }
        const { id: _ignored, ...rest } = resource;
        return { stored: await store.create(tx, rest as Resource), status: 201 };
      });
      return sendResource(reply, result.stored, result.status);
    });

    scope.get('/fhir/:type', async (request, reply) => {
      const type = typeFor(request, 'read');
      const { s, rows } = await search(store.db, type, request.query as Query);
      const page = rows.slice(0, s.count);
      await audit(request, 'search-type', page);
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        link: pageLinks(request, s.offset, s.count, rows.length > s.count),
        entry: page.map((r) => ({ fullUrl: `${r.resource.resourceType}/${r.resource.id}`, resource: r.resource, search: { mode: 'match' } })),
      };
      return reply.type(fhirJson).send(bundle);
    });

    scope.get('/fhir/:type/_history', async (request, reply) => {
      const type = typeFor(request, 'read');
      const count = Math.min(Number((request.query as Query)._count ?? 50) || 50, 1000);
      const versions = await store.history(store.db, type, undefined, count);
      await audit(request, 'history-type', versions);
      return reply.type(fhirJson).send(historyBundle(versions));
    });

    scope.get('/fhir/:type/:id', async (request, reply) => {
      const type = typeFor(request, 'read');
      const stored = await store.read(store.db, type, (request.params as { id: string }).id);
      await audit(request, 'read', [stored]);
      return sendResource(reply, stored);
    });

    scope.get('/fhir/:type/:id/_history', async (request, reply) => {
      const type = typeFor(request, 'read');
      const versions = await store.history(store.db, type, (request.params as { id: string }).id, 1000);
      if (versions.length === 0) throw new FhirError(404, 'not-found', 'No such resource');
      await audit(request, 'history-instance', versions);
      return reply.type(fhirJson).send(historyBundle(versions));
    });

    scope.get('/fhir/:type/:id/_history/:vid', async (request, reply) => {
      const type = typeFor(request, 'read');
      const { id, vid } = request.params as { id: string; vid: string };
      const stored = await store.vread(store.db, type, id, Number(vid));
      await audit(request, 'vread', [stored]);
      return sendResource(reply, stored);
    });

    scope.post('/fhir/Task/:id/$claim', async (request, reply) => {
      const who = staff(request);
      if (!canWrite(who.roles, 'Task')) throw new FhirError(403, 'forbidden', 'Your role may not claim contacts');
      const displayName = await staffNames.get(who.sub);
      if (!displayName) throw new FhirError(403, 'forbidden', 'Unknown or inactive staff member');
      const { outcome, stored } = await claimTask(store, (request.params as { id: string }).id, { id: who.sub, displayName });
      await audit(request, 'read', [stored]);
      const result: Parameters = { resourceType: 'Parameters', parameter: [{ name: 'outcome', valueCode: outcome }, { name: 'task', resource: stored.resource }] };
      return reply.type(fhirJson).header('etag', etag(stored.versionId)).send(result);
    });

    scope.put('/fhir/:type/:id', async (request, reply) => {
      const type = typeFor(request, 'write');
      const ifMatch = parseEtag(request.headers['if-match'] as string | undefined);
      const id = (request.params as { id: string }).id;
      await store.precheckVersion(store.db, type, id, ifMatch);
      const stored = await store.write(async (tx) => {
        if (type === 'Task') await assertMayChangeHolder(tx, staff(request), id, request.body as Task);
        return store.update(tx, type, id, request.body as Resource, { ifMatch });
      });
      return sendResource(reply, stored, stored.versionId === 1 ? 201 : 200);
    });

    scope.delete('/fhir/:type/:id', async (request, reply) => {
      const type = typeFor(request, 'write');
      await store.write((tx) => store.delete(tx, type, (request.params as { id: string }).id));
      return reply.code(204).send();
    });
  });
}

function historyBundle(versions: readonly Stored[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    entry: versions.map((v) => ({
      fullUrl: `${v.resource.resourceType}/${v.resource.id}`,
      ...(v.deleted ? {} : { resource: v.resource }),
      request: { method: v.versionId === 1 ? 'POST' : v.deleted ? 'DELETE' : 'PUT', url: v.versionId === 1 ? v.resource.resourceType : `${v.resource.resourceType}/${v.resource.id}` },
      response: { status: v.deleted ? '204' : v.versionId === 1 ? '201' : '200', etag: etag(v.versionId), lastModified: v.resource.meta?.lastUpdated },
    })),
  };
}
