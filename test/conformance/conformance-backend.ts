import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Bundle } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { seedCounty } from '../../backend/seed/demo-county';
import { seedTemplates } from '../../backend/seed/demo-templates';
import { seedDemo } from '../../backend/seed/seed';
import { buildBackend } from '../../backend/server';
import type { TestDatabase } from '../support/databases';

export interface ConformanceBackend {
  /** The FHIR base as an integrator configures it: absolute, no trailing slash. */
  base: string;
  /** fhir-kit-client, signed in as one of the demo staff. */
  client(username: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A real backend on a real database, listening on a free loopback port, with a small synthetic
 * county (residents, contacts and what they are about), the staff directory and chat templates,
 * so every resource type has something to find.
 */
export async function startConformanceBackend(database: TestDatabase): Promise<ConformanceBackend> {
  const created = await database.create();
  await seedDemo(created.db);
  await seedCounty(created.db, { seed: 16, residents: 40, contacts: 40 });
  await seedTemplates(created.db);
  const app = await buildBackend({ db: created.db, tokenSecret: randomBytes(32) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const base = `${url}/fhir`;
  return {
    base,
    async client(username) {
      const response = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'kaari-demo', deviceId: `conformance-${username}` }),
      });
      const { accessToken } = (await response.json()) as { accessToken: string };
      return new Client({ baseUrl: base, bearerToken: accessToken });
    },
    async close() {
      await app.close();
      await created.drop();
    },
  };
}

/** The HTTP status fhir-kit-client reports for a refused request (it throws), or 200-class when it succeeded. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status === undefined) throw error;
    return status;
  }
}

/** The page a Bundle's `next` link leads to, fetched by fhir-kit-client as an integrator pages. */
export async function nextPage(client: Client, bundle: Bundle): Promise<Bundle> {
  const page = client.nextPage({ bundle: bundle as unknown as Parameters<Client['nextPage']>[0]['bundle'] });
  if (!page) throw new Error('the Bundle has no next link');
  return (await page) as unknown as Bundle;
}
