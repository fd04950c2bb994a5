import type { BundleLink } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canRead } from '../../../shared/fhir/access-policy';
import { isResourceType, resourceTypes } from '../../../shared/fhir/resource-types';
import { FhirError, invalid } from '../fhir-error';
import { type Query, buildSearch, defaultCount, maxCount } from '../search/build';
import { parseDateSearch } from '../search/dates';
import type { Stored } from '../store';
import { historyBundle, searchBundle, searchPage, sendResource } from './bundles';
import { type StaffApi, baseOf, fhirJson, gateOf, seen, staffOf, wantsStrict } from './context';

/** The type in the URL, known and readable by the caller's role (the care-relationship rule comes after). */
export function readableType(request: FastifyRequest): string {
  const type = (request.params as { type: string }).type;
  if (!isResourceType(type)) throw new FhirError(404, 'not-supported', `Resource type ${type} is not supported`);
  if (!canRead(staffOf(request).roles, type)) throw new FhirError(403, 'forbidden', `Your role may not read ${type}`);
  return type;
}

const refused = () =>
  new FhirError(
    403,
    'forbidden',
    'You have no care relationship with this resident. Open her with a stated reason to see this.',
  );

/** One resource the caller may see, or 403: exists, but not for her. */
async function one(api: StaffApi, request: FastifyRequest, stored: Stored, action: 'read' | 'vread'): Promise<Stored> {
  const [visible] = await seen(api, request, [stored], action);
  if (!visible) throw refused();
  return visible;
}

const one1 = (query: Query, name: string): string | undefined => {
  const raw = Object.hasOwn(query, name) ? query[name] : undefined;
  if (raw !== undefined && typeof raw !== 'string') throw invalid(`${name} may be given once`);
  return raw;
};

/** `_count`, `_since` and the page cursor of a history request, checked. */
function historyParams(query: Query) {
  const countRaw = one1(query, '_count');
  if (countRaw !== undefined && !/^\d{1,9}$/.test(countRaw))
    throw invalid(`_count must be a whole number: ${countRaw}`);
  const count = countRaw === undefined ? defaultCount : Math.min(Math.max(Number(countRaw), 1), maxCount);
  const sinceRaw = one1(query, '_since');
  const since = sinceRaw === undefined ? undefined : new Date(parseDateSearch('_since', sinceRaw).lo).toISOString();
  if (sinceRaw?.match(/^[a-z]{2}/)) throw invalid('_since takes an instant, without a prefix');
  const cursor = one1(query, '_before_seq');
  if (cursor !== undefined && !/^\d{1,15}$/.test(cursor))
    throw invalid('_before_seq is not a page cursor of this server');
  return {
    count,
    ...(sinceRaw === undefined ? {} : { since, sinceRaw }),
    ...(cursor === undefined ? {} : { before: Number(cursor) }),
  };
}

/** FHIR read, vread, search-type and history (instance, type, system), each narrowed by the access rule and audited per resident. */
export function registerReadHandlers(scope: FastifyInstance, api: StaffApi): void {
  const { store } = api;

  /** Type and system history, paged newest first by a seq cursor, so a page never repeats or skips a version. */
  const history = async (
    request: FastifyRequest,
    types: readonly string[],
    path: string,
    action: 'history-type' | 'history-system',
  ) => {
    const p = historyParams(request.query as Query);
    const rows = await store.history(store.db, {
      types,
      count: p.count + 1,
      ...(p.before === undefined ? {} : { before: p.before }),
      ...(p.since === undefined ? {} : { since: p.since }),
    });
    const page = rows.slice(0, p.count);
    const versions = await seen(api, request, page, action);
    const base = baseOf(api, request);
    const at = (before?: number) => {
      const params = new URLSearchParams({
        _count: String(p.count),
        ...(p.sinceRaw === undefined ? {} : { _since: p.sinceRaw }),
        ...(before === undefined ? {} : { _before_seq: String(before) }),
      });
      return `${base}${path}?${params.toString()}`;
    };
    const links: BundleLink[] = [{ relation: 'self', url: at(p.before) }];
    const last = page.at(-1);
    if (rows.length > p.count && last) links.push({ relation: 'next', url: at(last.seq) });
    return historyBundle(base, versions, links);
  };

  scope.get('/fhir/_history', async (request, reply) => {
    const roles = staffOf(request).roles;
    const types = resourceTypes.filter((type) => canRead(roles, type));
    return reply.type(fhirJson).send(await history(request, types, '/_history', 'history-system'));
  });

  scope.get('/fhir/:type', async (request, reply) => {
    const type = readableType(request);
    const s = buildSearch(type, request.query as Query, { strict: wantsStrict(request) });
    const base = baseOf(api, request);
    if (s.count === 0) {
      // `_count=0`: how many she may see, no entries (nothing is read, so nothing is audited).
      const gate = await gateOf(api, request);
      let total = 0;
      for (let offset = 0; ; offset += maxCount) {
        const rows = await searchPage(store.db, s, maxCount, offset);
        total += (await gate.filter(rows)).length;
        if (rows.length < maxCount) break;
      }
      return reply.type(fhirJson).send(searchBundle(base, type, s, false, [], total));
    }
    const rows = await searchPage(store.db, s);
    const page = await seen(api, request, rows.slice(0, s.count), 'search-type');
    return reply.type(fhirJson).send(searchBundle(base, type, s, rows.length > s.count, page));
  });

  scope.get('/fhir/:type/_history', async (request, reply) => {
    const type = readableType(request);
    return reply.type(fhirJson).send(await history(request, [type], `/${type}/_history`, 'history-type'));
  });

  scope.get('/fhir/:type/:id', async (request, reply) => {
    const type = readableType(request);
    const stored = await store.read(store.db, type, (request.params as { id: string }).id);
    return sendResource(reply, baseOf(api, request), await one(api, request, stored, 'read'));
  });

  scope.get('/fhir/:type/:id/_history', async (request, reply) => {
    const type = readableType(request);
    const all = await store.history(store.db, {
      types: [type],
      id: (request.params as { id: string }).id,
      count: 1000,
    });
    if (all.length === 0) throw new FhirError(404, 'not-found', 'No such resource');
    const versions = await seen(api, request, all, 'history-instance');
    if (versions.length === 0) throw refused();
    return reply.type(fhirJson).send(historyBundle(baseOf(api, request), versions));
  });

  scope.get('/fhir/:type/:id/_history/:vid', async (request, reply) => {
    const type = readableType(request);
    const { id, vid } = request.params as { id: string; vid: string };
    if (!/^[1-9]\d{0,8}$/.test(vid)) throw new FhirError(404, 'not-found', `${type}/${id}/_history/${vid} not found`);
    const stored = await store.vread(store.db, type, id, Number(vid));
    return sendResource(reply, baseOf(api, request), await one(api, request, stored, 'vread'));
  });
}
