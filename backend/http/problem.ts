import type { FastifyReply } from 'fastify';

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
