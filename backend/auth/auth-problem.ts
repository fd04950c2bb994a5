import type { FastifyReply } from 'fastify';
import { type AuthReason, authReasonSystem } from '../../shared/protocol/devices';

/**
 * A refused sign-in, refresh or request as an OperationOutcome whose details name the reason in
 * words the workstation acts on (a revoked device wipes its cache; an unenrolled one asks for a code).
 */
export function sendAuthProblem(reply: FastifyReply, status: number, reason: AuthReason | null, diagnostics: string) {
  const code = status === 429 ? 'throttled' : status === 403 ? 'forbidden' : 'login';
  return reply
    .code(status)
    .type('application/fhir+json')
    .send({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code,
          diagnostics,
          ...(reason ? { details: { coding: [{ system: authReasonSystem, code: reason }] } } : {}),
        },
      ],
    });
}
