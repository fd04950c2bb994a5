import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Queryable } from '../db/db';
import { FhirError, invalid } from './fhir-error';
import type { ResourceStore, Stored } from './store';
import { fhirValidator } from './validator';
import { isBatchRead } from './rest/batch-reads';

export const etag = (versionId: number | string) => `W/"${versionId}"`;
export const parseEtag = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) throw invalid(`Malformed version in If-Match: ${value}`);
  return Number(match[1]);
};

/** Rewrites every `urn:uuid:` reference in a resource to the id assigned in this transaction. */
function resolveReferences<T>(value: T, ids: Map<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, ids)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'reference' && typeof v === 'string' && ids.has(v) ? ids.get(v) : resolveReferences(v, ids),
      ]),
    ) as T;
  }
  return value;
}

export interface EntryAccess {
  /**
   * The access and integrity rules for one entry, checked under the write lock against what is
   * stored; returns the resource to store (the backend may stamp it), or refuses by throwing.
   */
  check(
    op:
      | { method: 'POST' | 'PUT'; type: string; id?: string; next: Resource }
      | { method: 'DELETE'; type: string; id: string },
  ): Promise<Resource | null>;
  /** The resources a conditional create or update matches (a strict search, as the caller may see it). */
  find(type: string, query: string): Promise<Stored[]>;
  /** The absolute [base] that fullUrls and locations name. */
  base: string;
}

/** `Type`, `Type/id` or `Type?criteria`, relative or under [base]. */
function parseEntryUrl(url: string, base: string): { type: string; id?: string; query?: string } {
  const relative = url.startsWith(`${base}/`) ? url.slice(base.length + 1) : url;
  const q = relative.indexOf('?');
  const path = q < 0 ? relative : relative.slice(0, q);
  const [type = '', id, ...rest] = path.split('/');
  if (!/^[A-Z][A-Za-z]{1,63}$/.test(type) || rest.length > 0 || id === '') throw invalid(`bad url ${url}`);
  return { type, ...(id === undefined ? {} : { id }), ...(q < 0 ? {} : { query: relative.slice(q + 1) }) };
}

/** One create, update or delete of a transaction or batch; returns its response entry. */
async function applyEntry(
  store: ResourceStore,
  tx: Queryable,
  entry: BundleEntry,
  ids: Map<string, string>,
  access: EntryAccess,
): Promise<BundleEntry> {
  const request = entry.request;
  if (!request || typeof request.url !== 'string' || typeof request.method !== 'string')
    throw invalid('request.method and request.url are required');
  const resource = entry.resource ? resolveReferences(entry.resource, ids) : undefined;
  const { type, id, query } = parseEntryUrl(request.url, access.base);
  // The body's structure is checked before who may write it: a malformed write is 400 for everyone.
  if (resource) fhirValidator().assertValid(resource);
  if (request.method === 'POST') {
    if (!resource || resource.resourceType !== type || id !== undefined)
      throw invalid(`POST needs a ${type} and the url ${type}`);
    if (request.ifNoneExist) {
      const existing = await access.find(type, request.ifNoneExist);
      if (existing.length > 1)
        throw new FhirError(412, 'duplicate', `If-None-Exist matched ${existing.length} resources`);
      if (existing[0]) return responseEntry(existing[0], '200 OK', access.base);
    }
    const assigned = (entry.fullUrl && ids.get(entry.fullUrl)?.split('/')[1]) || randomUUID();
    const toStore = await access.check({ method: 'POST', type, id: assigned, next: resource });
    return responseEntry(await store.create(tx, toStore ?? resource, assigned), '201 Created', access.base);
  }
  if (request.method === 'PUT') {
    if (!resource) throw invalid('PUT needs a resource');
    const target =
      id !== undefined
        ? { id, create: false }
        : query === undefined
          ? undefined
          : await conditionalTarget(access, type, query, resource);
    if (!target) throw invalid(`PUT needs ${type}/id or ${type}?criteria`);
    if (target.create) {
      const toStore = await access.check({ method: 'POST', type, id: target.id, next: resource });
      return responseEntry(await store.create(tx, toStore ?? resource, target.id), '201 Created', access.base);
    }
    const next = { ...resource, id: target.id } as Resource;
    const toStore = await access.check({ method: 'PUT', type, id: target.id, next });
    const stored = await store.update(tx, type, target.id, toStore ?? next, { ifMatch: parseEtag(request.ifMatch) });
    return responseEntry(stored, stored.versionId === 1 ? '201 Created' : '200 OK', access.base);
  }
  if (request.method === 'DELETE') {
    if (!id) throw invalid(`DELETE needs ${type}/id`);
    await access.check({ method: 'DELETE', type, id });
    await store.delete(tx, type, id);
    return { response: { status: '204 No Content' } };
  }
  throw invalid(`method ${request.method} is not supported here`);
}

/**
 * Conditional update (FHIR 3.1.0.4.3): one match is updated; none is a create (under the body's
 * id if it has one, else a new one); more than one is 412. Run under the write lock, so a retry
 * finds what the first attempt made: idempotent on `identifier=system|value`.
 */
export async function conditionalTarget(
  access: Pick<EntryAccess, 'find'>,
  type: string,
  query: string,
  resource: Resource,
): Promise<{ id: string; create: boolean }> {
  const matches = await access.find(type, query);
  if (matches.length > 1)
    throw new FhirError(412, 'multiple-matches', `${type}?${query} matched ${matches.length} resources`);
  const match = matches[0]?.resource.id;
  if (match && resource.id !== undefined && resource.id !== match)
    throw invalid(`id ${resource.id} is not the resource ${type}?${query} matched`);
  if (match) return { id: match, create: false };
  return resource.id === undefined ? { id: randomUUID(), create: true } : { id: resource.id, create: false };
}

const entriesOf = (bundle: Bundle): BundleEntry[] => {
  const entries: unknown = bundle.entry ?? [];
  if (!Array.isArray(entries) || entries.some((e) => !e || typeof e !== 'object' || Array.isArray(e)))
    throw invalid('Bundle.entry must be a list of entries');
  return entries as BundleEntry[];
};

const withIndex = (index: number, entry: BundleEntry, error: FhirError) =>
  new FhirError(
    error.status,
    error.code,
    `entry ${index} (${String(entry.request?.method)} ${String(entry.request?.url)}): ${error.message}`,
  );

/**
 * Applies a transaction Bundle atomically (FHIR 3.1.0.11.2): inside the caller's DB transaction,
 * so one failing entry rolls back every other. Returns the transaction-response Bundle.
 */
export async function applyTransaction(
  store: ResourceStore,
  tx: Queryable,
  bundle: Bundle,
  access: EntryAccess,
): Promise<Bundle> {
  const entries = entriesOf(bundle);
  const ids = new Map<string, string>();
  // Creates get their ids first, so entries can refer to each other by urn:uuid.
  for (const entry of entries) {
    if (
      entry.request?.method === 'POST' &&
      typeof entry.fullUrl === 'string' &&
      entry.fullUrl.startsWith('urn:uuid:') &&
      entry.resource
    ) {
      ids.set(entry.fullUrl, `${entry.resource.resourceType}/${randomUUID()}`);
    }
  }
  const responses: BundleEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      responses.push(await applyEntry(store, tx, entry, ids, access));
    } catch (error) {
      throw error instanceof FhirError ? withIndex(index, entry, error) : error;
    }
  }
  return { resourceType: 'Bundle', type: 'transaction-response', entry: responses };
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
};

/**
 * Applies a batch Bundle (FHIR 3.1.0.11.1): every entry on its own, in order, each under a
 * savepoint of the caller's transaction, so a failing entry is undone alone and answered with
 * its OperationOutcome while the others stand.
 */
export async function applyBatch(
  store: ResourceStore,
  tx: Queryable,
  bundle: Bundle,
  access: EntryAccess,
): Promise<Bundle> {
  const responses: BundleEntry[] = [];
  for (const [index, entry] of entriesOf(bundle).entries()) {
    // Reads are answered after the writes commit, through the read routes (rest/batch-reads.ts).
    if (isBatchRead(entry)) {
      responses.push({});
      continue;
    }
    try {
      responses.push(await store.savepoint(tx, () => applyEntry(store, tx, entry, new Map(), access)));
    } catch (error) {
      if (!(error instanceof FhirError)) throw error;
      const failed = withIndex(index, entry, error);
      const outcome: OperationOutcome = {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: failed.code as 'invalid', diagnostics: failed.message }],
      };
      responses.push({ response: { status: `${failed.status} ${reasons[failed.status] ?? 'Error'}`, outcome } });
    }
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry: responses };
}

function responseEntry(stored: Stored, status: string, base: string): BundleEntry {
  const { resourceType, id, meta } = stored.resource;
  return {
    fullUrl: `${base}/${resourceType}/${id}`,
    resource: stored.resource,
    response: {
      status,
      location: `${base}/${resourceType}/${id}/_history/${stored.versionId}`,
      etag: etag(stored.versionId),
      lastModified: meta?.lastUpdated,
    },
  };
}
