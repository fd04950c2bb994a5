import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../db/db';
import { FhirError, invalid } from './fhir-error';
import type { ResourceStore, Stored } from './store';

export const etag = (versionId: number | string) => `W/"${versionId}"`;
export const parseEtag = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match) throw invalid(`Malformed version in If-Match: ${value}`);
  return Number(match[1]);
};

/** Rewrites every `urn:uuid:` reference in a resource to the id assigned in this transaction. */
function resolveReferences<T>(value: T, ids: Map<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, ids)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'reference' && typeof v === 'string' && ids.has(v) ? ids.get(v) : resolveReferences(v, ids)]),
    ) as T;
  }
  return value;
}

export interface EntryAccess {
  /**
   * The access and integrity rules for one entry, checked under the write lock against what is
   * stored; returns the resource to store (the backend may stamp it), or refuses by throwing.
   */
  check(op: { method: 'POST' | 'PUT'; type: string; id?: string; next: Resource } | { method: 'DELETE'; type: string; id: string }): Promise<Resource | null>;
}

/**
 * Applies a transaction Bundle atomically (FHIR 3.1.0.11.2): inside the caller's DB transaction,
 * so one failing entry rolls back every other. Returns the transaction-response Bundle.
 */
export async function applyTransaction(store: ResourceStore, tx: Queryable, bundle: Bundle, access: EntryAccess, findExisting: (type: string, query: string) => Promise<Stored[]>): Promise<Bundle> {
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'transaction') throw invalid('Expected a Bundle of type transaction');
  const entries = bundle.entry ?? [];
  const ids = new Map<string, string>();
  // Creates get their ids first, so entries can refer to each other by urn:uuid.
  for (const entry of entries) {
    if (entry.request?.method === 'POST' && entry.fullUrl?.startsWith('urn:uuid:') && entry.resource) {
      ids.set(entry.fullUrl, `${entry.resource.resourceType}/${randomUUID()}`);
    }
  }
  const responses: BundleEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    const request = entry.request;
    if (!request?.url || !request.method) throw invalid(`entry ${index}: request.method and request.url are required`);
    const resource = entry.resource ? resolveReferences(entry.resource, ids) : undefined;
    const [type, id] = request.url.split('?')[0]?.split('/') ?? [];
    if (!type) throw invalid(`entry ${index}: bad url ${request.url}`);
    try {
      if (request.method === 'POST') {
        if (!resource || resource.resourceType !== type) throw invalid(`entry ${index}: resource must be a ${type}`);
        if (request.ifNoneExist) {
          const existing = await findExisting(type, request.ifNoneExist);
          if (existing.length > 1) throw new FhirError(412, 'duplicate', `entry ${index}: If-None-Exist matched ${existing.length} resources`);
          if (existing[0]) {
            responses.push(responseEntry(existing[0], '200 OK'));
            continue;
          }
        }
        const assigned = (entry.fullUrl && ids.get(entry.fullUrl)?.split('/')[1]) || randomUUID();
        const toStore = await access.check({ method: 'POST', type, id: assigned, next: resource as Resource });
        responses.push(responseEntry(await store.create(tx, toStore ?? (resource as Resource), assigned), '201 Created'));
      } else if (request.method === 'PUT') {
        if (!id || !resource) throw invalid(`entry ${index}: PUT needs Type/id and a resource`);
        const toStore = await access.check({ method: 'PUT', type, id, next: resource as Resource });
        const stored = await store.update(tx, type, id, toStore ?? (resource as Resource), { ifMatch: parseEtag(request.ifMatch) });
        responses.push(responseEntry(stored, stored.versionId === 1 ? '201 Created' : '200 OK'));
      } else if (request.method === 'DELETE') {
        if (!id) throw invalid(`entry ${index}: DELETE needs Type/id`);
        await access.check({ method: 'DELETE', type, id });
        await store.delete(tx, type, id);
        responses.push({ response: { status: '204 No Content' } });
      } else {
        throw invalid(`entry ${index}: method ${request.method} is not supported in a transaction`);
      }
    } catch (error) {
      if (error instanceof FhirError) throw new FhirError(error.status, error.code, `entry ${index} (${request.method} ${request.url}): ${error.message}`);
      throw error;
    }
  }
  return { resourceType: 'Bundle', type: 'transaction-response', entry: responses };
}

function responseEntry(stored: Stored, status: string): BundleEntry {
  const { resourceType, id, meta } = stored.resource;
  return {
    fullUrl: `${resourceType}/${id}`,
    resource: stored.resource,
    response: { status, location: `${resourceType}/${id}/_history/${stored.versionId}`, etag: etag(stored.versionId), lastModified: meta?.lastUpdated },
  };
}
