import { openUserCacheSignedIn } from '../support/cache-key';
import { writeLocal } from '../../main/cache/outbox';
import { expect, expectAccessible, signIn, test } from './support/fixtures';

test('a change refused because someone else edited first is shown with both versions, and the nurse decides', async ({
  page,
  host,
  backend,
}) => {
  await signIn(page, host.url, 'aino');
  await expect(page.getByTestId('connection-state')).toHaveText(/Yhteys toimii/);

  // A colleague (the team lead) updates a resident on the regional service (version 1 → 2); Aino cares
  // for her too (she held one of her contacts lately), so both may change her details.
  const login = (await (
    await fetch(`${backend.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leena', password: 'kaari-demo', deviceId: 'e2e' }),
    })
  ).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/fhir+json' };
  const held = {
    resourceType: 'Task',
    status: 'completed',
    intent: 'order',
    for: { reference: 'Patient/resident-00001' },
    owner: { reference: 'Practitioner/staff-nurse-aino' },
  };
  expect(
    (await fetch(`${backend.url}/fhir/Task`, { method: 'POST', headers: auth, body: JSON.stringify(held) })).status,
  ).toBe(201);
  const current = (await (await fetch(`${backend.url}/fhir/Patient/resident-00001`, { headers: auth })).json()) as {
    name: { family: string; given: string[] }[];
  };
  const updated = await fetch(`${backend.url}/fhir/Patient/resident-00001`, {
    method: 'PUT',
    headers: { ...auth, 'if-match': 'W/"1"' },
    body: JSON.stringify({ ...current, name: [{ ...current.name[0], family: 'Lääkärinmuutos' }] }),
  });
  expect(updated.status).toBe(200);

  // Meanwhile Aino's workstation holds a local edit made on version 1 (as after working offline);
  // her encrypted cache opens only with her signed in.
  const db = await openUserCacheSignedIn(backend.url, host.dataDir, 'aino');
  writeLocal(db, {
    resource: {
      resourceType: 'Patient',
      id: 'resident-00001',
      name: [{ family: 'Hoitajanmuutos', given: current.name[0]?.given ?? [] }],
    },
    baseVersion: '1',
  });
  db.close();

  await expect(page.getByTestId('conflict-count')).toHaveText('1 muutos odottaa päätöstäsi', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Synkronointi' }).click();
  const row = page.getByRole('row', { name: /name\.0\.family/ });
  await expect(row).toContainText('Hoitajanmuutos');
  await expect(row).toContainText('Lääkärinmuutos');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Säilytä oma versioni' }).click();
  await expect(page.getByText('Mikään ei odota päätöstäsi.')).toBeVisible();
  await expect(page.getByTestId('conflict-count')).toHaveCount(0, { timeout: 15_000 });
  await expect
    .poll(
      async () =>
        (
          (await (await fetch(`${backend.url}/fhir/Patient/resident-00001`, { headers: auth })).json()) as {
            name: { family: string }[];
          }
        ).name[0]?.family,
      { timeout: 15_000 },
    )
    .toBe('Hoitajanmuutos');
});
