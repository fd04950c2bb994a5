import type { CapabilityStatement } from '@medplum/fhirtypes';
import { resourceTypes } from '../../shared/fhir/resource-types';
import { searchParams } from './search';

export function capabilityStatement(version: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-24',
    kind: 'instance',
    software: { name: 'Kaari regional backend', version },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: { description: 'Bearer access token from /auth/login; role-based access.' },
        interaction: [{ code: 'transaction' }, { code: 'history-system' }],
        resource: resourceTypes.map((type) => ({
          type,
          versioning: 'versioned',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          interaction: ['read', 'vread', 'update', 'create', 'search-type', 'history-instance', 'history-type', 'delete'].map((code) => ({ code: code as 'read' })),
          searchParam: [
            { name: '_id', type: 'token' as const },
            { name: '_lastUpdated', type: 'date' as const },
            ...Object.entries(searchParams[type] ?? {}).map(([name, spec]) => ({ name, type: spec.kind })),
          ],
        })),
      },
    ],
  };
}
