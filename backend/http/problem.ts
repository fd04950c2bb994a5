import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { FhirError } from '../fhir/fhir-error';

/** Who asked, as an id (never a name): the staff member or the resident, if signed in. */
export const callerId = (request: FastifyRequest): string | undefined => request.staff?.sub ?? request.residentId;

/**
 * Errors as FHIR OperationOutcome (the FHIR API needs it; the auth routes share the shape so a
 * client reads every error one way). Every refusal is logged at info with its status and issue
 * code (never the diagnostics, which may echo what the client sent); a 403 as a "forbidden" event
 * with the caller's id, so refused access leaves a trace.
 */
export function sendProblem(reply: FastifyReply, status: number, code: string, diagnostics: string) {
  const request = reply.request;
  if (status === 403)
    request.log.info({ event: 'forbidden', status, code, user: callerId(request) }, 'refused: forbidden');
  else if (status < 500) request.log.info({ status, code }, 'refused');
  return reply
    .code(status)
    .type('application/fhir+json')
    .send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] });
}

/** A PostgreSQL error (pg and PGlite both carry the SQLSTATE in `code` and a `severity`). */
const sqlStateOf = (error: unknown): string | null => {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string' ? e.code : null;
};

/**
 * What the database refused because of what the client sent: data exceptions (class 22: a value
 * PostgreSQL cannot hold, such as U+0000, a date beyond year 294276, an integer beyond bigint),
 * a unique violation on a client-chosen id, an index row too large for a huge string. The input
 * layer refuses all of these it knows before they reach SQL; this is the last resort.
 */
function databaseRefusal(sqlState: string): { status: number; code: string; diagnostics: string } | null {
  if (sqlState === '23505') return { status: 409, code: 'duplicate', diagnostics: 'This id is already in use.' };
  if (sqlState.startsWith('22'))
    return { status: 400, code: 'invalid', diagnostics: 'A value in the request is out of range or not valid.' };
  if (sqlState === '54000')
    return { status: 400, code: 'too-costly', diagnostics: 'A value in the request is too large.' };
  return null;
}

/**
 * The error handler of every route scope: a FhirError keeps its status and code, other client
 * errors are 400-class 'invalid', database refusals of input are 4xx (logged at warn with their
 * SQLSTATE, so each can be fixed where the input enters), and anything else is a 500 logged with
 * its stack and the request id, answered without detail. (`_log` is kept for callers that pass
 * their scope's logger; the request's own logger carries the request id.)
 */
export function problemErrorHandler(_log?: FastifyBaseLogger) {
  return (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof FhirError) return sendProblem(reply, error.status, error.code, error.message);
    if (error.statusCode === 429) return sendProblem(reply, 429, 'throttled', error.message);
    if (error.statusCode && error.statusCode < 500)
      return sendProblem(reply, error.statusCode, 'invalid', error.message);
    const sqlState = sqlStateOf(error);
    const refusal = sqlState ? databaseRefusal(sqlState) : null;
    if (sqlState && refusal) {
      request.log.warn({ sqlState, status: refusal.status }, 'database refused input');
      return sendProblem(reply, refusal.status, refusal.code, refusal.diagnostics);
    }
    request.log.error({ err: error, sqlState: sqlState ?? undefined }, 'internal error');
    return sendProblem(reply, 500, 'exception', 'Internal error');
  };
}
