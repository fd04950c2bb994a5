import type { z } from 'zod';
import { HealthResponse, LoginResponse, type LoginRequest, TokenPair } from '../../shared/protocol/auth';

export class BackendError extends Error {
  constructor(
    readonly status: number,
    message: string,
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

export interface BackendClient {
  readonly baseUrl: string;
  health(): Promise<z.infer<typeof HealthResponse>>;
  login(request: LoginRequest): Promise<LoginResponse>;
  refresh(refreshToken: string): Promise<TokenPair>;
  logout(refreshToken: string): Promise<void>;
}

const diagnostics = (body: unknown): string | undefined => {
  const issue = (body as { issue?: { diagnostics?: unknown }[] } | null)?.issue?.[0];
  return typeof issue?.diagnostics === 'string' ? issue.diagnostics : undefined;
};

export function createBackendClient(baseUrl: string, timeoutMs = 10_000): BackendClient {
  async function request<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BackendUnreachableError(error);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new BackendError(response.status, diagnostics(json) ?? `HTTP ${response.status}`);
    // The backend is another process on another machine: its answers are checked like any input.
    return schema.parse(json);
  }
  return {
    baseUrl,
    health: () => request('/healthz', HealthResponse),
    login: (req) => request('/auth/login', LoginResponse, req),
    refresh: (refreshToken) => request('/auth/refresh', TokenPair, { refreshToken }),
    logout: async (refreshToken) => {
      await request('/auth/logout', HealthResponse.pick({ status: true }), { refreshToken });
    },
  };
}
