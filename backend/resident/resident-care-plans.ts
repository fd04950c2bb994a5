import type { Composition } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { readSelfCarePlan, selfCarePlanExtension } from '../../shared/documentation/resident-summary';
import type { ResidentCarePlan } from '../../shared/protocol/resident';
import type { ResourceStore } from '../fhir/store';
import { type ResidentAudit, resident } from './resident-contacts';

export const residentCarePlansPath = '/resident/api/care-plans';

/**
 * "My care plans": the self-care plans and next steps she was given, from her signed records only
 * (an entered-in-error record is gone from her list too), newest first, audited as her read.
 */
export function registerResidentCarePlans(app: FastifyInstance, store: ResourceStore, audit: ResidentAudit): void {
  app.get(residentCarePlansPath, async (request) => {
    const patientId = resident(request);
    const rows = await store.db.query<{ body: Composition }>(
      `SELECT body FROM resource_current WHERE type = 'Composition' AND NOT deleted AND body->'subject'->>'reference' = $1
       AND body->>'status' IN ('final', 'amended') AND body->'extension' @> $2::jsonb ORDER BY body->>'date' DESC LIMIT 100`,
      [`Patient/${patientId}`, JSON.stringify([{ url: selfCarePlanExtension }])],
    );
    await audit.recordResident(
      patientId,
      'search-type',
      rows.map((r) => `Composition/${r.body.id}`),
    );
    return rows.flatMap(({ body }): ResidentCarePlan[] => {
      const plan = readSelfCarePlan(body);
      return plan
        ? [{ id: body.id ?? '', signedAt: body.date, professional: body.author[0]?.display ?? '', ...plan }]
        : [];
    });
  });
}
