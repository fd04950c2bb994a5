import type { AuditEvent } from '@medplum/fhirtypes';
import type { Queryable } from '../db/db';
import type { ResourceStore } from './store';

export type AuditAction = 'read' | 'vread' | 'search-type' | 'history-instance' | 'history-type' | 'sync';

/** One AuditEvent per request that read patient data: who, when, what (up to 200 references). */
export async function recordRead(store: ResourceStore, tx: Queryable, staffId: string, action: AuditAction, references: readonly string[]): Promise<void> {
  if (references.length === 0) return;
  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: action === 'sync' ? 'history-system' : action }],
    action: 'R',
    recorded: new Date().toISOString(),
    outcome: '0',
    agent: [{ who: { reference: `Practitioner/${staffId}` }, requestor: true }],
    source: { observer: { display: 'Kaari regional backend' } },
    entity: references.slice(0, 200).map((reference) => ({ what: { reference } })),
  };
  await store.create(tx, event);
}
