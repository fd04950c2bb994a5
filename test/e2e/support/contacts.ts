import { expect } from '@playwright/test';
import { newQueueTask } from '../../../shared/queue/task-conventions';
import { transactionAsTeamLead } from '../../support/team-lead';

/** A resident's self-assessment arrives: a QuestionnaireResponse and its queue Task, in one transaction. */
export async function newSelfAssessment(
  backendUrl: string,
  description: string,
  patientId = 'resident-00002',
): Promise<void> {
  const qr = `urn:uuid:${crypto.randomUUID()}`;
  // Written as the team lead, standing in for the resident's channel: nobody else has her in care yet.
  const status = await transactionAsTeamLead(backendUrl, [
    {
      fullUrl: qr,
      resource: {
        resourceType: 'QuestionnaireResponse',
        status: 'completed',
        questionnaire: 'urn:kaari:questionnaire:respiratory-infection',
        subject: { reference: `Patient/${patientId}` },
        authored: new Date().toISOString(),
        item: [{ linkId: 'fever', text: 'Kuume (°C)', answer: [{ valueString: '38,9' }] }],
      },
      request: { method: 'POST', url: 'QuestionnaireResponse' },
    },
    {
      resource: newQueueTask({
        kind: 'self-assessment',
        urgency: 'P3',
        patientId,
        authoredOn: new Date().toISOString(),
        description,
        language: 'fi',
        focus: qr,
      }),
      request: { method: 'POST', url: 'Task' },
    },
  ]);
  expect(status).toBe(200);
}
