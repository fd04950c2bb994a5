import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canRead } from '../../../shared/fhir/access-policy';
import { isResourceType } from '../../../shared/fhir/resource-types';
import { FhirError } from '../fhir-error';
import type { Stored } from '../store';
import { historyBundle, searchBundle, searchRows, sendResource } from './bundles';
import { type StaffApi, fhirJson, seen, staffOf } from './context';

type Query = Record<string, string | string[] | undefined>;

/** The type in the URL, known and readable by the caller's role (the care-relationship rule comes after). */
export function readableType(request: FastifyRequest): string {
  const type = (request.params as { type: string }).type;
  if (!isResourceType(type)) throw new FhirError(404, 'not-supported', `Resource type ${type} is not supported`);
  if (!canRead(staffOf(request).roles, type)) throw new FhirError(403, 'forbidden', `Your role may not read ${type}`);
  return type;
}

const refused = () => new FhirError(403, 'forbidden', 'You have no care relationship with this resident. Open her with a stated reason to see this.');

/** One resource the caller may see, or 403: exists, but not for her. */
async function one(api: StaffApi, request: FastifyRequest, stored: Stored, action: 'read' | 'vread'): Promise<Stored> {
  const [visible] = await seen(api, request, [stored], action);
  if (!visible) throw refused();
  return visible;
}

/** FHIR read, vread, search-type and history, each narrowed by the access rule and audited per resident. */
export function registerReadHandlers(scope: FastifyInstance, api: StaffApi): void {
  const { store } = api;

  scope.get('/fhir/:type', async (request, reply) => {
    const type = readableType(request);
    const { s, rows } = await searchRows(store.db, type, request.query as Query);
    const page = await seen(api, request, rows.slice(0, s.count), 'search-type');
    return reply.type(fhirJson).send(searchBundle(request, s.offset, s.count, rows.length > s.count, page));
  });

  scope.get('/fhir/:type/_history', async (request, reply) => {
    const type = readableType(request);
    const count = Math.min(Number((request.query as Query)._count ?? 50) || 50, 1000);
    const versions = await seen(api, request, await store.history(store.db, type, undefined, count), 'history-type');
    return reply.type(fhirJson).send(historyBundle(versions));
  });

  scope.get('/fhir/:type/:id', async (request, reply) => {
    const type = readableType(request);
    const stored = await store.read(store.db, type, (request.params as { id: string }).id);
    return sendResource(reply, await one(api, request, stored, 'read'));
  });

  scope.get('/fhir/:type/:id/_history', async (request, reply) => {
    const type = readableType(request);
    const all = await store.history(store.db, type, (request.params as { id: string }).id, 1000);
    if (all.length === 0) throw new FhirError(404, 'not-found', 'No such resource');
    const versions = await seen(api, request, all, 'history-instance');
    if (versions.length === 0) throw refused();
    return reply.type(fhirJson).send(historyBundle(versions));
  });

  scope.get('/fhir/:type/:id/_history/:vid', async (request, reply) => {
    const type = readableType(request);
    const { id, vid } = request.params as { id: string; vid: string };
    const stored = await store.vread(store.db, type, id, Number(vid));
    return sendResource(reply, await one(api, request, stored, 'vread'));
  });
}
