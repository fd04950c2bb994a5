import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { callerId } from './problem';

export const requestIdHeader = 'x-request-id';
const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof levels)[number];

/** KAARI_LOG_LEVEL, or info. */
export const logLevelFromEnv = (env: NodeJS.ProcessEnv): LogLevel => {
  const wanted = env.KAARI_LOG_LEVEL?.toLowerCase();
  return levels.find((l) => l === wanted) ?? 'info';
};

/**
 * The path with every query value replaced by `_`: FHIR searches carry names, identifiers and
 * birth dates in their values; the parameter names alone say what was asked.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=_`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/** A client's request id if it is a plain token (it ends up in log lines), else a new one. */
export const requestId = (raw: IncomingMessage): string => {
  const given = raw.headers[requestIdHeader];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{8,64}$/.test(given) ? given : randomUUID();
};

/**
 * Only these leave a request or an error for the log: method and redacted URL; status; an
 * error's type, message, SQLSTATE and stack. Never headers (Authorization, cookies), bodies
 * (passwords, tokens, resources) or query values.
 */
const serializers = {
  req: (req: { method?: string; url?: string }) => ({ method: req.method, url: loggableUrl(req.url ?? '') }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: (err: Error & { code?: unknown }) => ({
    type: err.name,
    message: err.message,
    code: typeof err.code === 'string' ? err.code : undefined,
    stack: err.stack ?? '',
  }),
};

export interface LogOptions {
  level?: LogLevel;
  /** Where the JSON lines go (a file stream for npm start, a buffer in tests); stdout if absent. */
  stream?: { write(line: string): void };
}

/** Fastify's options for pino: JSON lines with request ids, our serializers, a level. */
export function loggerOptions(
  options: LogOptions | false | undefined,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController' | 'requestIdHeader'> {
  // Fastify's own two lines per request are off: registerRequestLog writes one, with what we choose.
  const base = {
    genReqId: requestId,
    requestIdHeader: false as const,
    logController: new LogController({ disableRequestLogging: true }),
  };
  if (!options) return { ...base, logger: false };
  return {
    ...base,
    logger: { level: options.level ?? 'info', serializers, ...(options.stream ? { stream: options.stream } : {}) },
  };
}

/**
 * One line per answered request (health probes at debug: the workstation probes every few
 * seconds), with its id, status, time and the caller's id; the id is echoed to the client as
 * X-Request-Id so a report can be matched to the log.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header(requestIdHeader, request.id);
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const log: FastifyBaseLogger = request.log;
    const line = { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: callerId(request) };
    if (request.url === '/healthz') log.debug(line, 'answered');
    else log.info(line, 'answered');
  });
}
