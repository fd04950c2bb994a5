import type { Bundle, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { AccessUploadResult, type AccessUpload, accessLogPath } from '../../shared/protocol/access-log';
import {
  HealthResponse,
  LoginResponse,
  type LoginRequest,
  type RefreshRequest,
  TokenPair,
} from '../../shared/protocol/auth';
import { CacheKeyResponse, cacheKeyPath } from '../../shared/protocol/cache-key';
import { AuthReason, type EnrollRequest, authReasonSystem } from '../../shared/protocol/devices';
import { ClaimResponse, claimPath } from '../../shared/protocol/claim';
import { ChangesPage, idempotencyHeader } from '../../shared/protocol/sync';

export class BackendError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Why a sign-in, refresh or request was refused, when the backend says (a revoked device…). */
    readonly reason: AuthReason | null = null,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/** Network failure (refused, reset, timeout): the backend was not reached at all. */
export class BackendUnreachableError extends Error {
  constructor(cause: unknown) {
    super('The regional backend could not be reached.', { cause });
    this.name = 'BackendUnreachableError';
  }
}

/** The signed-in user's access token, and the one place that renews it (session.ts). */
export interface TokenSource {
  accessToken(): string;
  /**
   * Gets a new access token because `used` was refused. Callers that find a refresh already
   * under way, or already done since they read `used`, share it: the backend revokes the whole
   * token family when a spent refresh token comes back. Throws when the session has ended.
   */
  refresh(used: string): Promise<void>;
}

/** What a signed-in professional asks of the backend; every call carries the access token. */
export interface SignedInClient {
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

/** Any other JSON endpoint of a signed-in user (video visits): POST with a body, else GET; checked by `schema`. */
export interface JsonCalls {
  json<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.output<S>>;
}

export interface BackendClient {
  readonly baseUrl: string;
  health(): Promise<z.infer<typeof HealthResponse>>;
  login(request: LoginRequest): Promise<LoginResponse>;
  /** Enrolls this device with the administrator's one-time code. */
  enroll(request: EnrollRequest): Promise<void>;
  refresh(request: RefreshRequest): Promise<TokenPair>;
  logout(refreshToken: string): Promise<void>;
  /** The key that wraps this user's cache key for the cache with `salt`, released only to a signed-in user. */
  cacheKey(accessToken: string, salt: Buffer): Promise<Buffer>;
  /** The same connection with the user's token; a 401 renews it once through `tokens` and retries. */
  signedIn(tokens: TokenSource): SignedInClient & JsonCalls;
}

export interface BackendClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const diagnostics = (body: unknown): string | undefined => {
  const issue = (body as { issue?: { diagnostics?: unknown }[] } | null)?.issue?.[0];
  return typeof issue?.diagnostics === 'string' ? issue.diagnostics : undefined;
};

const reasonOf = (body: unknown): AuthReason | null => {
  const coding = (
    body as { issue?: { details?: { coding?: { system?: unknown; code?: unknown }[] } }[] } | null
  )?.issue?.[0]?.details?.coding?.find((c) => c.system === authReasonSystem);
  return AuthReason.safeParse(coding?.code).data ?? null;
};

const json = (body: unknown, type = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type },
  body: JSON.stringify(body),
});
const fhir = 'application/fhir+json';
// FHIR resources are validated where they are used; the envelope is only passed along.
const anyBody = z.unknown();

/** The one HTTP client of the workstation for the regional backend. */
export function createBackendClient(baseUrl: string, options: BackendClientOptions = {}): BackendClient {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(path: string, init: RequestInit, token?: string): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetchFn(new URL(path, baseUrl), {
        ...init,
        headers: {
          ...(init.headers as Record<string, string> | undefined),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BackendUnreachableError(error);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok)
      throw new BackendError(response.status, diagnostics(body) ?? `HTTP ${response.status}`, reasonOf(body));
    return { status: response.status, body };
  }

  // The backend is another process on another machine: its answers are checked like any input.
  const request = async <S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.output<S>> =>
    schema.parse((await send(path, init)).body);

  function signedIn(tokens: TokenSource): SignedInClient & JsonCalls {
    async function authed<S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.output<S>> {
      const used = tokens.accessToken();
      try {
        return schema.parse((await send(path, init, used)).body);
      } catch (error) {
        if (!(error instanceof BackendError && error.status === 401)) throw error;
      }
      await tokens.refresh(used);
      return schema.parse((await send(path, init, tokens.accessToken())).body);
    }
    return {
      changes: (after, limit) => authed(`/sync/changes?after=${after}&limit=${limit}`, ChangesPage),
      transaction: async (bundle, key) =>
        (await authed('/fhir', anyBody, {
          ...json(bundle, fhir),
          headers: { 'content-type': fhir, [idempotencyHeader]: key },
        })) as Bundle,
      update: async (resource, ifMatch) =>
        (await authed(`/fhir/${resource.resourceType}/${encodeURIComponent(resource.id)}`, anyBody, {
          method: 'PUT',
          headers: { 'content-type': fhir, 'if-match': `W/"${ifMatch}"` },
          body: JSON.stringify(resource),
        })) as never,
      claim: (taskId) => authed(claimPath(taskId), ClaimResponse, json({}, fhir)),
      uploadAccess: (upload) => authed(accessLogPath, AccessUploadResult, json(upload)),
      json: (path, schema, body) => authed(path, schema, body === undefined ? {} : json(body)),
      async read(type, id) {
        try {
          return (await authed(`/fhir/${type}/${encodeURIComponent(id)}`, anyBody)) as Resource;
        } catch (error) {
          if (error instanceof BackendError && (error.status === 404 || error.status === 410)) return null;
          throw error;
        }
      },
    };
  }

  return {
    baseUrl,
    health: () => request('/healthz', HealthResponse),
    login: (req) => request('/auth/login', LoginResponse, json(req)),
    enroll: async (req) => {
      await request('/auth/enroll', z.object({ status: z.literal('enrolled') }), json(req));
    },
    refresh: (req) => request('/auth/refresh', TokenPair, json(req)),
    logout: async (refreshToken) => {
      await request('/auth/logout', HealthResponse.pick({ status: true }), json({ refreshToken }));
    },
    async cacheKey(accessToken, salt) {
      const { body } = await send(cacheKeyPath, json({ salt: salt.toString('base64url') }), accessToken);
      return Buffer.from(CacheKeyResponse.parse(body).key, 'base64url');
    },
    signedIn,
  };
}
