import { z } from 'zod';
import { searchProblem } from './query-rules';

/**
 * Body shapes of the routes whose handlers take FHIR JSON as it comes (the others parse their
 * bodies with the zod schemas of shared/protocol). Loose objects: a resource keeps every field;
 * what its fields mean is checked by backend/fhir. Keys are `METHOD /route/:pattern`.
 */
const resource = z.looseObject({ resourceType: z.string().min(1).max(64) });

/** A search in a transaction entry (`Type?name=value`, ifNoneExist) passes the same query rules as a URL. */
const search = (part: (value: string) => string) =>
  z.string().superRefine((value, context) => {
    const problem = searchProblem(part(value));
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const afterQuestionMark = (value: string) => (value.includes('?') ? value.slice(value.indexOf('?') + 1) : '');

const transactionEntry = z.looseObject({
  fullUrl: z.string().optional(),
  resource: resource.optional(),
  request: z.looseObject({
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
    url: search(afterQuestionMark).pipe(z.string().min(1).max(2048)),
    ifMatch: z.string().optional(),
    ifNoneExist: search((v) => v).optional(),
    ifNoneMatch: z.string().optional(),
    ifModifiedSince: z.string().optional(),
  }),
});

const transactionBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string(),
  entry: z.array(transactionEntry).optional(),
});

export const routeSchemas: Record<string, z.ZodType> = {
  'POST /fhir': transactionBundle,
  'POST /fhir/': transactionBundle,
  'POST /fhir/:type': resource,
  'PUT /fhir/:type/:id': resource,
};
