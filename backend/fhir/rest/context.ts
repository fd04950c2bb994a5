import type { FastifyRequest } from 'fastify';
import { Gate } from '../../access/gate';
import type { AccessClaims } from '../../auth/tokens';
import type { AuditLog } from '../../audit/audit-log';
import type { Agent } from '../../audit/events';
import { FhirError } from '../fhir-error';
import { fhirBase } from './base-url';
import { type ResourceStore, type Stored, asStaff } from '../store';

/** What every authenticated staff route works with. */
export interface StaffApi {
  store: ResourceStore;
  auditLog: AuditLog;
  /** The server's public address when configured (KAARI_PUBLIC_URL); else links follow the request's host. */
  publicUrl?: string;
}

/** The absolute [base] of this request's answers. */
export const baseOf = (api: StaffApi, request: FastifyRequest): string => fhirBase(request, api.publicUrl);

/** `Prefer: handling=strict` (FHIR 3.1.1.4.1): unknown search parameters are refused instead of ignored. */
export const wantsStrict = (request: FastifyRequest): boolean =>
  /(^|[;,\s])handling\s*=\s*strict\b/i.test(String(request.headers.prefer ?? ''));

export const fhirJson = 'application/fhir+json; charset=utf-8';

export const staffOf = (request: FastifyRequest): AccessClaims => {
  if (!request.staff) throw new FhirError(401, 'login', 'Sign in first.');
  return request.staff;
};

export const agentOf = (request: FastifyRequest): Agent => asStaff(staffOf(request));

const gates = new WeakMap<FastifyRequest, Promise<Gate>>();
/** The access rule for this request's caller, loaded once per request. */
export function gateOf(api: StaffApi, request: FastifyRequest): Promise<Gate> {
  let gate = gates.get(request);
  if (!gate) {
    gate = Gate.open(api.store.db, staffOf(request));
    gates.set(request, gate);
  }
  return gate;
}

/** What the caller may see of these, audited one event per resident before the answer leaves. */
export async function seen(
  api: StaffApi,
  request: FastifyRequest,
  stored: readonly Stored[],
  action: Parameters<AuditLog['record']>[1],
): Promise<Stored[]> {
  const visible = await (await gateOf(api, request)).filter(stored);
  await api.auditLog.record(agentOf(request), action, Gate.readItems(visible));
  return visible;
}
