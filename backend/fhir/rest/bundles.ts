import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/db';
import { buildSearch } from '../search';
import type { Stored } from '../store';
import { etag } from '../transaction';
import { fhirJson } from './context';

type Query = Record<string, string | string[] | undefined>;

export const sendResource = (reply: FastifyReply, stored: Stored, status = 200) =>
  reply
    .code(status)
    .type(fhirJson)
    .header('etag', etag(stored.versionId))
    .header('last-modified', new Date(stored.resource.meta?.lastUpdated ?? Date.now()).toUTCString())
    .header('location', `/fhir/${stored.resource.resourceType}/${stored.resource.id}/_history/${stored.versionId}`)
    .send(stored.resource);

/** One page of a type search (one row more than asked, to know whether a next page exists). */
export async function searchRows(q: Queryable, type: string, query: Query) {
  const s = buildSearch(type, query);
  const rows = await q.query<{ body: Resource; seq: string; version_id: number; deleted: boolean }>(
    `SELECT body, seq, version_id, deleted, count(*) OVER () AS total FROM resource_current WHERE ${s.where} ORDER BY ${s.orderBy} LIMIT ${s.count + 1} OFFSET ${s.offset}`,
    s.params,
  );
  return { s, rows: rows.map((r): Stored => ({ resource: r.body, seq: Number(r.seq), versionId: r.version_id, deleted: r.deleted })) };
}

export function pageLinks(request: FastifyRequest, offset: number, count: number, hasNext: boolean) {
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
}

export function searchBundle(request: FastifyRequest, offset: number, count: number, hasNext: boolean, page: readonly Stored[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: pageLinks(request, offset, count, hasNext),
    entry: page.map((r) => ({ fullUrl: `${r.resource.resourceType}/${r.resource.id}`, resource: r.resource, search: { mode: 'match' } })),
  };
}

export function historyBundle(versions: readonly Stored[]): Bundle {
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
