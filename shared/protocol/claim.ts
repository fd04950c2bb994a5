import { z } from 'zod';

/** Task/$claim: the backend makes the caller the owner unless someone else already is. */
export const claimPath = (taskId: string) => `/fhir/Task/${encodeURIComponent(taskId)}/$claim`;

const TaskBody = z.object({ resourceType: z.literal('Task'), id: z.string() }).passthrough();

/** The answer, a FHIR Parameters: `outcome` (claimed | taken) and the Task as it now stands. */
export const ClaimResponse = z
  .object({
    resourceType: z.literal('Parameters'),
    parameter: z.tuple([
      z.object({ name: z.literal('outcome'), valueCode: z.enum(['claimed', 'taken']) }),
      z.object({ name: z.literal('task'), resource: TaskBody }),
    ]),
  })
  .transform((p) => ({ outcome: p.parameter[0].valueCode, task: p.parameter[1].resource }));
export type ClaimResponse = z.output<typeof ClaimResponse>;
