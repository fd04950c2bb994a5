import type { Bundle, Resource } from '@medplum/fhirtypes';
import { type AccessUpload, AccessUploadResult, accessLogPath } from '../../shared/protocol/access-log';
import { ClaimResponse, claimPath } from '../../shared/protocol/claim';
import { ChangesPage, idempotencyHeader } from '../../shared/protocol/sync';
import { BackendError, BackendUnreachableError } from '../backend-client/backend-client';

export interface TokenSource {
  accessToken(): string;
  /** Gets a new access token with the refresh token; throws when the session has ended. */
  refresh(): Promise<void>;
}

export interface SyncClient {
  changes(after: number, limit: number): Promise<ChangesPage>;
  /** Pushes one transaction Bundle; the key makes a retry apply once. */
  transaction(bundle: Bundle, idempotencyKey: string): Promise<Bundle>;
  read(type: string, id: string): Promise<Resource | null>;
  /** Conditional update: 412 (BackendError) when the server's version is not `ifMatch`. */
  update<R extends Resource>(resource: R & { id: string }, ifMatch: string): Promise<R>;
  /** Task/$claim: the backend decides who holds the contact. */
  claim(taskId: string): Promise<ClaimResponse>;
  /** The workstation's own access log; entries already recorded are not recorded twice. */
  uploadAccess(upload: AccessUpload): Promise<AccessUploadResult>;
}

export function createSyncClient(baseUrl: string, tokens: TokenSource, fetchFn: typeof fetch = fetch, timeoutMs = 15_000): SyncClient {
  async function request(path: string, init: RequestInit = {}, retried = false): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchFn(new URL(path, baseUrl), {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${tokens.accessToken()}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BackendUnreachableError(error);
    }
    if (response.status === 401 && !retried) {
      await tokens.refresh();
      return request(path, init, true);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const diagnostics = (json as { issue?: { diagnostics?: string }[] } | null)?.issue?.[0]?.diagnostics;
      throw new BackendError(response.status, diagnostics ?? `HTTP ${response.status}`);
    }
    return json;
  }
  return {
    changes: async (after, limit) => ChangesPage.parse(await request(`/sync/changes?after=${after}&limit=${limit}`)),
    transaction: async (bundle, key) =>
      (await request('/fhir', {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', [idempotencyHeader]: key },
        body: JSON.stringify(bundle),
      })) as Bundle,
    update: async (resource, ifMatch) =>
      (await request(`/fhir/${resource.resourceType}/${encodeURIComponent(resource.id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/fhir+json', 'if-match': `W/"${ifMatch}"` },
        body: JSON.stringify(resource),
      })) as never,
    claim: async (taskId) => ClaimResponse.parse(await request(claimPath(taskId), { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{}' })),
    uploadAccess: async (upload) =>
      AccessUploadResult.parse(await request(accessLogPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(upload) })),
    async read(type, id) {
      try {
        return (await request(`/fhir/${type}/${encodeURIComponent(id)}`)) as Resource;
      } catch (error) {
        if (error instanceof BackendError && (error.status === 404 || error.status === 410)) return null;
        throw error;
      }
    },
  };
}
