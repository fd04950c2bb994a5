import type { Bundle, BundleLink, Resource } from '@medplum/fhirtypes';
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../../db/db';
import type { SearchQuery } from '../search/build';
import type { Stored } from '../store';
import { etag } from '../transaction';
import { fhirJson } from './context';

export const sendResource = (reply: FastifyReply, base: string, stored: Stored, status = 200) =>
  reply
    .code(status)
    .type(fhirJson)
    .header('etag', etag(stored.versionId))
    .header('last-modified', new Date(stored.resource.meta?.lastUpdated ?? Date.now()).toUTCString())
    .header('location', `${base}/${stored.resource.resourceType}/${stored.resource.id}/_history/${stored.versionId}`)
    .send(stored.resource);

const toStored = (r: { body: Resource; seq: string; version_id: number; deleted: boolean }): Stored => ({
  resource: r.body,
  seq: Number(r.seq),
  versionId: r.version_id,
  deleted: r.deleted,
});

/** One page of a search (one row more than asked, to know whether a next page exists). */
export async function searchPage(
  q: Queryable,
  s: SearchQuery,
  limit = s.count + 1,
  offset = s.offset,
): Promise<Stored[]> {
  const rows = await q.query<{ body: Resource; seq: string; version_id: number; deleted: boolean }>(
    `SELECT body, seq, version_id, deleted FROM resource_current WHERE ${s.where} ORDER BY ${s.orderBy} LIMIT ${limit} OFFSET ${offset}`,
    s.params,
  );
  return rows.map(toStored);
}

/** Absolute links that repeat only the parameters that took effect; `next` always moves forward. */
export function pageLinks(base: string, type: string, s: SearchQuery, hasNext: boolean): BundleLink[] {
  const at = (offset: number) => {
    const params = new URLSearchParams(s.used);
    params.set('_count', String(s.count));
    if (offset > 0) params.set('_offset', String(offset));
    return `${base}/${type}?${params.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: at(s.offset) }];
  if (hasNext && s.count > 0) links.push({ relation: 'next', url: at(s.offset + s.count) });
  if (s.offset > 0 && s.count > 0) links.push({ relation: 'previous', url: at(Math.max(0, s.offset - s.count)) });
  return links;
}

export function searchBundle(
  base: string,
  type: string,
  s: SearchQuery,
  hasNext: boolean,
  page: readonly Stored[],
  total?: number,
): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total === undefined ? {} : { total }),
    link: pageLinks(base, type, s, hasNext),
    entry: page.map((r) => ({
      fullUrl: `${base}/${r.resource.resourceType}/${r.resource.id}`,
      resource: r.resource,
      search: { mode: 'match' },
    })),
  };
}

export function historyBundle(base: string, versions: readonly Stored[], links: BundleLink[] = []): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    ...(links.length ? { link: links } : { total: versions.length }),
    entry: versions.map((v) => ({
      fullUrl: `${base}/${v.resource.resourceType}/${v.resource.id}`,
      ...(v.deleted ? {} : { resource: v.resource }),
      request: {
        method: v.versionId === 1 ? 'POST' : v.deleted ? 'DELETE' : 'PUT',
        url: v.versionId === 1 ? v.resource.resourceType : `${v.resource.resourceType}/${v.resource.id}`,
      },
      response: {
        status: v.deleted ? '204' : v.versionId === 1 ? '201' : '200',
        etag: etag(v.versionId),
        lastModified: v.resource.meta?.lastUpdated,
      },
    })),
  };
}
