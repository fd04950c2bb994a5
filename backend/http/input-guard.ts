import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { sendProblem } from './problem';
import { type Query, hasNul, queryProblem, searchProblem } from './query-rules';
import { routeSchemas } from './route-schemas';

/** Path parameters by name: what can exist at all (a FHIR id, a version number), else 404. */
const pathParams: Record<string, RegExp> = {
  type: /^[A-Za-z]{1,64}$/,
  id: /^[A-Za-z0-9\-.]{1,64}$/,
  taskId: /^[A-Za-z0-9\-.]{1,64}$/,
  // FHIR version ids here are 1, 2, 3…: anything else (abc, 1.5, 0, 99999999999) names no version.
  vid: /^[1-9]\d{0,8}$/,
};

/** What is wrong with the URL or headers of a request, before anything reads them. */
function requestProblem(request: FastifyRequest): string | null {
  if (/%00/i.test(request.url) || hasNul(request.url)) return 'The address must not contain U+0000.';
  for (const value of Object.values(request.headers)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && hasNul(v))) return 'Headers must not contain U+0000.';
  }
  const conditional = request.headers['if-none-exist'];
  return queryProblem(request.query as Query) ?? (typeof conditional === 'string' ? searchProblem(conditional) : null);
}

function paramsProblem(request: FastifyRequest): string | null {
  const params = (request.params ?? {}) as Record<string, string>;
  for (const [name, value] of Object.entries(params)) {
    const pattern = pathParams[name];
    if (pattern && !pattern.test(value))
      return `No such ${name === 'vid' ? 'version' : 'resource'}: ${name} is not valid.`;
  }
  return null;
}

const issueText = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/**
 * The one input check in front of every route. onRequest: no U+0000 in the address or a header,
 * no query parameter named like an Object.prototype member, numeric parameters in range (400).
 * preValidation: path parameters that could name something (404 otherwise), and the body of
 * each route that declares a schema in route-schemas.ts (400). JSON bodies themselves are checked
 * by the parser (json-body.ts).
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const problem = requestProblem(request);
    if (problem) return sendProblem(reply, 400, 'invalid', problem);
  });
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const notFound = paramsProblem(request);
    if (notFound) return sendProblem(reply, 404, 'not-found', notFound);
    const schema = routeSchemas[`${request.method} ${request.routeOptions.url ?? ''}`];
    if (!schema) return;
    const parsed = schema.safeParse(request.body);
    if (!parsed.success) return sendProblem(reply, 400, 'invalid', issueText(parsed.error));
  });
}
