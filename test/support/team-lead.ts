import type { BundleEntry } from '@medplum/fhirtypes';

/**
 * A transaction written by the team lead, standing in for a resident's channel (the professional
 * who then handles the contact has no care relationship with the resident until she takes it).
 * Plain fetch, so E2E support and benchmarks share it; answers the HTTP status.
 */
export async function transactionAsTeamLead(
  backendUrl: string,
  entry: BundleEntry[],
  deviceId = 'e2e-tool',
): Promise<number> {
  const login = await fetch(`${backendUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leena', password: 'kaari-demo', deviceId }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const response = await fetch(`${backendUrl}/fhir`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/fhir+json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }),
  });
  return response.status;
}
