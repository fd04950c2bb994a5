import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { patientDataTypes, resourceTypes } from '../../shared/fhir/resource-types';
import { datePrefixes, modifiersOf, paramsOf } from './search/params';

type Interaction = NonNullable<CapabilityStatementRestResource['interaction']>[number]['code'];

/** How each parameter's modifiers and prefixes are written in its documentation (test/conformance reads it back). */
export function paramDocumentation(kind: keyof typeof modifiersOf | 'id'): string {
  const modifiers = kind === 'id' ? [] : modifiersOf[kind];
  const prefixes = kind === 'date' ? ` Prefixes: ${datePrefixes.join(' ')}.` : '';
  return `Modifiers: ${modifiers.length ? modifiers.join(' ') : 'none'}.${prefixes}`;
}

/**
 * What this server does, generated from the same tables the handlers use, so it claims nothing
 * that does not work: clinical records are never deleted (write-rules), the access log is
 * written only by the server.
 */
export function capabilityStatement(version: string, base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    kind: 'instance',
    software: { name: 'Kaari regional backend', version },
    implementation: { description: 'Kaari regional FHIR backend', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          description: 'Bearer access token from /auth/login; role-based access narrowed by care relationships.',
        },
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'history-system' }],
        resource: resourceTypes.map((type): CapabilityStatementRestResource => {
          const writable = type !== 'AuditEvent';
          const deletable = writable && !(patientDataTypes as readonly string[]).includes(type);
          const interactions: Interaction[] = ['read', 'vread', 'search-type', 'history-instance', 'history-type'];
          if (writable) interactions.push('create', 'update');
          if (deletable) interactions.push('delete');
          return {
            type,
            versioning: 'versioned',
            readHistory: true,
            updateCreate: writable,
            conditionalCreate: writable,
            conditionalUpdate: writable,
            conditionalDelete: 'not-supported',
            interaction: interactions.map((code) => ({ code })),
            searchParam: [
              { name: '_id', type: 'token', documentation: paramDocumentation('id') },
              ...[...paramsOf(type)].map(([name, spec]) => ({
                name,
                type: spec.kind,
                documentation: paramDocumentation(spec.kind),
              })),
            ],
          };
        }),
      },
    ],
  };
}
