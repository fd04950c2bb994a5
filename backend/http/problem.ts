import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { FhirError } from '../fhir/fhir-error';

/**
 * Errors as FHIR OperationOutcome (the FHIR API needs it; the auth routes share the shape so a
 * client reads every error one way).
 */
export function sendProblem(reply: FastifyReply, status: number, code: string, diagnostics: string) {
  return reply
    .code(status)
    .type('application/fhir+json')
    .send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] });
}

/**
 * The error handler of every authenticated route scope: a FhirError keeps its status and code,
 * other client errors are 400-class 'invalid', anything else is logged and answered without detail.
 */
export function problemErrorHandler(log: FastifyBaseLogger) {
  return (error: Error & { statusCode?: number }, _request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof FhirError) return sendProblem(reply, error.status, error.code, error.message);
    if (error.statusCode === 429) return sendProblem(reply, 429, 'throttled', error.message);
    if (error.statusCode && error.statusCode < 500) return sendProblem(reply, error.statusCode, 'invalid', error.message);
    log.error(error);
    return sendProblem(reply, 500, 'exception', 'Internal error');
  };
}
