import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';

/** What was done: FHIR REST interactions, the sync feed, stated-reason access, and changes. */
export type AuditAction =
  'read' | 'vread' | 'search-type' | 'history-instance' | 'history-type' | 'history-system' | 'sync' | 'break-glass';
export type ChangeAction = 'C' | 'U' | 'D';

export const breakGlassPurpose = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  code: 'ETREAT',
  display: 'Emergency Treatment',
} as const;

export interface Agent {
  /** Practitioner/…, Patient/… or 'system'. */
  agent: string;
  device?: string;
}

const restType = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'RESTful Operation',
};
const source = (device?: string) => ({
  observer: { display: device ? `Kaari workstation ${device}` : 'Kaari regional backend' },
});
const agentOf = (who: Agent, reason?: string): AuditEvent['agent'] => [
  {
    who: who.agent === 'system' ? { display: 'Kaari regional backend' } : { reference: who.agent },
    requestor: true,
    ...(reason ? { purposeOfUse: [{ coding: [{ ...breakGlassPurpose }], text: reason }] } : {}),
    ...(who.device ? { network: { address: who.device, type: '5' as const } } : {}),
  },
];

/**
 * One AuditEvent per resident per request: the resident is the first entity (so her own access
 * log and the chain find it by one column), the resources of hers that were read follow. Every
 * resident is counted, however many a search returned.
 */
export function readEvent(
  who: Agent,
  action: AuditAction,
  patientId: string,
  references: readonly string[],
  reason?: string,
): AuditEvent {
  return {
    id: randomUUID(),
    resourceType: 'AuditEvent',
    type: restType,
    subtype: [
      {
        system: 'http://hl7.org/fhir/restful-interaction',
        code: action === 'sync' ? 'history-system' : action === 'break-glass' ? 'read' : action,
      },
    ],
    action: 'R',
    recorded: new Date().toISOString(),
    outcome: '0',
    ...(reason ? { purposeOfEvent: [{ coding: [{ ...breakGlassPurpose }], text: reason }] } : {}),
    agent: agentOf(who, reason),
    source: source(who.device),
    entity: [
      {
        what: { reference: `Patient/${patientId}` },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      },
      ...references.filter((r) => r !== `Patient/${patientId}`).map((reference) => ({ what: { reference } })),
    ],
  };
}

/** One AuditEvent per change of a resident's data, written in the same transaction as the change. */
export function changeEvent(who: Agent, action: ChangeAction, patientId: string, reference: string): AuditEvent {
  return {
    id: randomUUID(),
    resourceType: 'AuditEvent',
    type: restType,
    subtype: [
      {
        system: 'http://hl7.org/fhir/restful-interaction',
        code: action === 'C' ? 'create' : action === 'U' ? 'update' : 'delete',
      },
    ],
    action,
    recorded: new Date().toISOString(),
    outcome: '0',
    agent: agentOf(who),
    source: source(who.device),
    entity: [
      {
        what: { reference: `Patient/${patientId}` },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      },
      ...(reference === `Patient/${patientId}` ? [] : [{ what: { reference } }]),
    ],
  };
}

/** Groups references by the resident they are about: one read event each. */
export function byResident(items: readonly { reference: string; patientId: string | null }[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const item of items) {
    if (!item.patientId) continue;
    const list = grouped.get(item.patientId) ?? [];
    list.push(item.reference);
    grouped.set(item.patientId, list);
  }
  return grouped;
}
