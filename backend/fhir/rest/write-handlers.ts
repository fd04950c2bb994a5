import { createHash, randomUUID } from 'node:crypto';
import type { Bundle, Parameters, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contactVisible } from '../../../shared/access/care-access';
import { routeOf } from '../../access/contact-routes';
import { canWrite } from '../../../shared/fhir/access-policy';
import { isResourceType } from '../../../shared/fhir/resource-types';
import { idempotencyHeader } from '../../../shared/protocol/sync';
import type { Task } from '@medplum/fhirtypes';
import { type WriteOp, checkWrite } from '../../access/write-rules';
import { createStaffNames } from '../../auth/staff-names';
import type { Queryable } from '../../db/db';
import { claimTask } from '../claim';
import { FhirError, invalid } from '../fhir-error';
import { fhirValidator } from '../validator';
import { type Stored, asStaff } from '../store';
import { Gate } from '../../access/gate';
import { buildSearch, queryOf } from '../search/build';
import { type EntryAccess, applyBatch, applyTransaction, conditionalTarget, etag, parseEtag } from '../transaction';
import { answerBatchReads } from './batch-reads';
import { searchPage, sendResource } from './bundles';
import { type StaffApi, agentOf, baseOf, fhirJson, gateOf, seen, staffOf } from './context';

/** What an Idempotency-Key answered, to tell a retry (same body) from a reuse (another body). */
const bodyHash = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('hex');

/** The type in the URL, known and writable by the caller's role (record integrity is checked in the transaction). */
function writableType(request: FastifyRequest): string {
  const type = (request.params as { type: string }).type;
  if (!isResourceType(type)) throw new FhirError(404, 'not-supported', `Resource type ${type} is not supported`);
  if (!canWrite(staffOf(request).roles, type) || type === 'AuditEvent')
    throw new FhirError(403, 'forbidden', `Your role may not write ${type}`);
  return type;
}

/** FHIR create, update, delete, transaction and Task/$claim: every write as the signed-in professional, through the write rules. */
export function registerWriteHandlers(scope: FastifyInstance, api: StaffApi): void {
  const { store } = api;
  const staffNames = createStaffNames(store.db);
  const check = async (request: FastifyRequest, tx: Queryable, op: WriteOp) =>
    checkWrite(tx, await gateOf(api, request), op);
  /**
   * Conditional create and update see only what the caller may see, by a strict search (an
   * unknown parameter is refused, not ignored into "matches everything"). They run inside the
   * write transaction, so what they find is audited after the commit (the audit log takes the
   * write lock itself).
   */
  const existing = async (request: FastifyRequest, q: Queryable, type: string, query: string, found: Stored[]) => {
    const s = buildSearch(type, queryOf(query), { strict: true });
    if (s.used.length === 0) throw invalid(`Conditional criteria ${query} select nothing`);
    const visible = await (
      await gateOf(api, request)
    )
      .within(q)
      .filter(await searchPage(q, { ...s, count: 2, offset: 0 }));
    found.push(...visible);
    return visible;
  };
  const auditFound = (request: FastifyRequest, found: readonly Stored[]) =>
    api.auditLog.record(agentOf(request), 'search-type', Gate.readItems(found));
  const entryAccess = (request: FastifyRequest, tx: Queryable, found: Stored[]): EntryAccess => ({
    check: (op) => check(request, tx, op),
    find: (type, query) => existing(request, tx, type, query, found),
    base: baseOf(api, request),
  });

  /** Transaction and batch Bundles at [base] and [base]/. */
  const bundleHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const bundle = request.body as Bundle | null;
    if (
      !bundle ||
      typeof bundle !== 'object' ||
      bundle.resourceType !== 'Bundle' ||
      (bundle.type !== 'transaction' && bundle.type !== 'batch')
    )
      throw invalid('Expected a Bundle of type transaction or batch');
    const who = staffOf(request);
    const key = request.headers[idempotencyHeader];
    if (key !== undefined && (typeof key !== 'string' || key.length < 8 || key.length > 200))
      throw invalid('Idempotency-Key must be 8 to 200 characters');
    await gateOf(api, request);
    const found: Stored[] = [];
    const result = await store.write(async (tx) => {
      if (key) {
        // Keys are the user's own: another user's key is a different key, never their answer.
        const seenKey = await tx.query<{ status: number; response: Bundle; body_hash: string | null }>(
          'SELECT status, response, body_hash FROM idempotency_key WHERE staff_id = $1 AND key = $2',
          [who.sub, key],
        );
        const first = seenKey[0];
        // The same key with another body is a client error (IETF Idempotency-Key draft): 422, nothing applied.
        if (first?.body_hash && first.body_hash !== bodyHash(bundle))
          throw new FhirError(422, 'conflict', 'This Idempotency-Key was used with a different request body');
        // A retried push gets the first answer again; nothing is applied twice.
        if (first) return { status: first.status, response: first.response, replayed: true };
      }
      const access = entryAccess(request, tx, found);
      const response =
        bundle.type === 'batch'
          ? await applyBatch(store, tx, bundle, access)
          : await applyTransaction(store, tx, bundle, access);
      if (key)
        await tx.query(
          'INSERT INTO idempotency_key (key, staff_id, status, response, body_hash) VALUES ($1, $2, 200, $3, $4)',
          [key, who.sub, response, bodyHash(bundle)],
        );
      return { status: 200, response, replayed: false };
    }, asStaff(who));
    await auditFound(request, found);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    const response =
      bundle.type === 'batch'
        ? await answerBatchReads(request, bundle, result.response, baseOf(api, request))
        : result.response;
    return reply.code(result.status).type(fhirJson).send(response);
  };
  scope.post('/fhir', bundleHandler);
  scope.post('/fhir/', bundleHandler);

  scope.post('/fhir/:type', async (request, reply) => {
    const type = writableType(request);
    const resource = request.body as Resource;
    if (resource?.resourceType !== type) throw invalid(`Body must be a ${type}`);
    // Structure before permission: a malformed body is 400 for everyone, and nothing is stored.
    fhirValidator().assertValid(resource);
    const ifNoneExist = request.headers['if-none-exist'];
    await gateOf(api, request);
    const found: Stored[] = [];
    const result = await store.write(
      async (tx) => {
        if (typeof ifNoneExist === 'string') {
          const rows = await existing(request, tx, type, ifNoneExist, found);
          if (rows.length > 1) throw new FhirError(412, 'duplicate', `If-None-Exist matched ${rows.length} resources`);
          if (rows[0]) return { stored: rows[0], status: 200 };
        }
        const { id: _ignored, ...rest } = resource;
        const id = randomUUID();
        const toStore =
          (await check(request, tx, { method: 'POST', type, id, next: rest as Resource })) ?? (rest as Resource);
        return { stored: await store.create(tx, toStore, id), status: 201 };
      },
      asStaff(staffOf(request)),
    );
    await auditFound(request, found);
    return sendResource(reply, baseOf(api, request), result.stored, result.status);
  });

  /** Conditional update: PUT [base]/Type?criteria. */
  scope.put('/fhir/:type', async (request, reply) => {
    const type = writableType(request);
    const resource = request.body as Resource;
    if (resource?.resourceType !== type) throw invalid(`Body must be a ${type}`);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    if (!query) throw invalid(`PUT needs ${type}/id or ${type}?criteria`);
    const ifMatch = parseEtag(request.headers['if-match'] as string | undefined);
    await gateOf(api, request);
    const found: Stored[] = [];
    fhirValidator().assertValid(resource);
    const stored = await store.write(
      async (tx) => {
        const target = await conditionalTarget(entryAccess(request, tx, found), type, query, resource);
        if (target.create) {
          const toStore =
            (await check(request, tx, { method: 'POST', type, id: target.id, next: resource })) ?? resource;
          return store.create(tx, toStore, target.id);
        }
        const next = { ...resource, id: target.id } as Resource;
        const toStore = (await check(request, tx, { method: 'PUT', type, id: target.id, next })) ?? next;
        return store.update(tx, type, target.id, toStore, { ...(ifMatch === undefined ? {} : { ifMatch }) });
      },
      asStaff(staffOf(request)),
    );
    await auditFound(request, found);
    return sendResource(reply, baseOf(api, request), stored, stored.versionId === 1 ? 201 : 200);
  });

  scope.put('/fhir/:type/:id', async (request, reply) => {
    const type = writableType(request);
    const ifMatch = parseEtag(request.headers['if-match'] as string | undefined);
    const id = (request.params as { id: string }).id;
    const resource = request.body as Resource;
    if (resource?.resourceType !== type) throw invalid(`Body must be a ${type}`);
    // Structure before permission: a malformed body is 400 for everyone, and nothing is stored.
    fhirValidator().assertValid(resource);
    await store.precheckVersion(store.db, type, id, ifMatch);
    await gateOf(api, request);
    const stored = await store.write(
      async (tx) => {
        const toStore = (await check(request, tx, { method: 'PUT', type, id, next: resource })) ?? resource;
        return store.update(tx, type, id, toStore, { ifMatch });
      },
      asStaff(staffOf(request)),
    );
    return sendResource(reply, baseOf(api, request), stored, stored.versionId === 1 ? 201 : 200);
  });

  scope.delete('/fhir/:type/:id', async (request, reply) => {
    const type = writableType(request);
    const id = (request.params as { id: string }).id;
    await gateOf(api, request);
    await store.write(
      async (tx) => {
        await check(request, tx, { method: 'DELETE', type, id });
        await store.delete(tx, type, id);
      },
      asStaff(staffOf(request)),
    );
    return reply.code(204).send();
  });

  scope.post('/fhir/Task/:id/$claim', async (request, reply) => {
    const who = staffOf(request);
    if (!canWrite(who.roles, 'Task')) throw new FhirError(403, 'forbidden', 'Your role may not claim contacts');
    const displayName = await staffNames.get(who.sub);
    if (!displayName) throw new FhirError(403, 'forbidden', 'Unknown or inactive staff member');
    const id = (request.params as { id: string }).id;
    const gate = await gateOf(api, request);
    const before = await store.read(store.db, 'Task', id);
    if (!contactVisible(await routeOf(store.db, before.resource as Task), gate.scope))
      throw new FhirError(403, 'forbidden', 'This contact is not routed to you.');
    const { outcome, stored } = await claimTask(store, id, { id: who.sub, displayName }, asStaff(who));
    await seen(api, request, [stored], 'read');
    const result: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'outcome', valueCode: outcome },
        { name: 'task', resource: stored.resource },
      ],
    };
    return reply.type(fhirJson).header('etag', etag(stored.versionId)).send(result);
  });
}
