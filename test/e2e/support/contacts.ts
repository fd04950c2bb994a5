import { expect } from '@playwright/test';
import { newQueueTask } from '../../../shared/queue/task-conventions';

async function staffToken(backendUrl: string, username: string): Promise<string> {
  const response = await fetch(`${backendUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'kaari-demo', deviceId: 'e2e-tool' }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A resident's self-assessment arrives: a QuestionnaireResponse and its queue Task, in one transaction. */
export async function newSelfAssessment(
  backendUrl: string,
  description: string,
  patientId = 'resident-00002',
): Promise<void> {
  // Written as the team lead, standing in for the resident's channel: nobody else has her in care yet.
  const token = await staffToken(backendUrl, 'leena');
  const qr = `urn:uuid:${crypto.randomUUID()}`;
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
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
    ],
  };
  const response = await fetch(`${backendUrl}/fhir`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/fhir+json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify(bundle),
  });
  expect(response.status).toBe(200);
}
