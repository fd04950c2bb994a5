import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { FastifyRequest } from 'fastify';

/** A read entry of a batch (FHIR 3.1.0.11.1): answered by the server's own read routes, not inside the write transaction. */
export const isBatchRead = (entry: BundleEntry | undefined): boolean => entry?.request?.method === 'GET';

// A read names a type, an instance, a search or history below [base]; nothing else is reachable through a batch.
const readUrl = /^(?:[A-Z][A-Za-z]+|_history)(?:[/?][^#\s]*)?$/;

const outcomeOf = (status: number, diagnostics: string): BundleEntry => ({
  response: {
    status: String(status),
    outcome: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'invalid',
          diagnostics,
        },
      ],
    },
  },
});

/**
 * Fills the read entries of a batch-response, each in its place: every read goes through the
 * same route, access rule and read audit as if the client had sent it alone, with the caller's
 * own credentials. Reads run after the writes committed (a batch has no dependencies between
 * entries), so they see them, and a replayed Idempotency-Key reads afresh.
 */
export async function answerBatchReads(
  request: FastifyRequest,
  bundle: Bundle,
  response: Bundle,
  base: string,
): Promise<Bundle> {
  const entries = bundle.entry ?? [];
  if (!entries.some(isBatchRead)) return response;
  const answered = [...(response.entry ?? [])];
  for (const [index, entry] of entries.entries()) {
    if (!isBatchRead(entry)) continue;
    const raw = String(entry.request?.url ?? '');
    const url = raw.startsWith(`${base}/`) ? raw.slice(base.length + 1) : raw;
    if (!readUrl.test(url)) {
      answered[index] = outcomeOf(400, `entry ${index} (GET ${raw}): not a read of this server`);
      continue;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'host', 'x-forwarded-proto', 'x-forwarded-host', 'prefer', 'x-request-id']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const reply = await request.server.inject({ method: 'GET', url: `/fhir/${url}`, headers });
    const body = reply.json<Resource>();
    answered[index] =
      reply.statusCode < 300
        ? {
            ...(body.resourceType === 'Bundle' ? {} : { fullUrl: `${base}/${body.resourceType}/${body.id ?? ''}` }),
            resource: body,
            response: {
              status: String(reply.statusCode),
              ...(reply.headers.etag ? { etag: String(reply.headers.etag) } : {}),
            },
          }
        : { response: { status: String(reply.statusCode), outcome: body as OperationOutcome } };
  }
  return { ...response, entry: answered };
}
