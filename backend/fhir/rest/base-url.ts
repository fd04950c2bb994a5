import type { FastifyRequest } from 'fastify';

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
const hostPattern = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The absolute FHIR base ([base] in the specification) that links, fullUrls and Location name:
 * the configured public address (KAARI_PUBLIC_URL) when there is one, else what the request says
 * it was sent to (X-Forwarded-Proto/-Host from a reverse proxy, else Host). Header values that
 * are not a plain host name are not echoed into links.
 */
export function fhirBase(request: FastifyRequest, publicUrl?: string): string {
  if (publicUrl) return `${publicUrl.replace(/\/+$/, '')}/fhir`;
  const proto = first(request.headers['x-forwarded-proto']);
  const host = first(request.headers['x-forwarded-host']) ?? first(request.headers.host);
  const scheme = proto === 'https' || proto === 'http' ? proto : request.protocol;
  return `${scheme}://${host && hostPattern.test(host) ? host : 'localhost'}/fhir`;
}
