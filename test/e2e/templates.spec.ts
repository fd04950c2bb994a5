import { expect, expectAccessible, signIn, test } from './support/fixtures';
import { watchKeptText } from './support/kept';

test('a team lead edits a chat template in every resident language; a nurse reads it but cannot edit', async ({
  page,
  host,
}) => {
  await signIn(page, host.url, 'leena');
  await page.getByRole('button', { name: 'Vastauspohjat' }).click();
  await expect(page.getByRole('heading', { name: 'Chatin vastauspohjat' })).toBeFocused();
  await page.getByRole('button', { name: 'Muokkaa: Kiitos yhteydenotostasi. Hyvää vointia!' }).click();
  await expect(page.getByLabel('العربية')).toHaveValue('شكرًا لتواصلك معنا. نتمنى لك الشفاء!');
  await page.getByLabel('Suomi').fill('Kiitos yhteydenotostasi. Hyvää jatkoa!');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Tallenna pohja' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pohja tallennettu' })).toBeVisible();
  await expect(page.getByTestId('templates')).toContainText('Kiitos yhteydenotostasi. Hyvää jatkoa!');
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page.locator('#username')).toBeVisible();

  await signIn(page, host.url, 'aino');
  await page.getByRole('button', { name: 'Vastauspohjat' }).click();
  await expect(page.getByTestId('templates')).toContainText('Kiitos yhteydenotostasi. Hyvää jatkoa!', {
    timeout: 10_000,
  });
  await expect(page.getByRole('button', { name: /^Muokkaa/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Uusi pohja' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
});

test('a template being written survives a reload of the workstation, and cancelling forgets it', async ({
  page,
  host,
}) => {
  const keeping = watchKeptText(page);
  await signIn(page, host.url, 'leena');
  await page.getByRole('button', { name: 'Vastauspohjat' }).click();
  await page.getByRole('button', { name: 'Uusi pohja' }).click();
  const key = page.getByLabel('Tunniste (pienet kirjaimet, numerot, viivat)');
  // The key is really checked (the pattern is a valid expression).
  await key.fill('Huono avain!');
  expect(await key.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
  await key.fill('kesken-jaava');
  expect(await key.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);
  await page.getByLabel('Suomi').fill('Palaamme asiaan huomenna.');
  await page.getByLabel('Svenska').fill('Vi återkommer i morgon.');
  // Languages still to translate are marked: empty, tagged, or copied from another language.
  await expect(page.getByTestId('template-mark-en')).toHaveText('Ei vielä käännetty.');
  await page.getByLabel('English').fill('Vi återkommer i morgon.');
  await expect(page.getByTestId('template-mark-en')).toHaveText('Samat sanat kuin kielellä Svenska: kääntämättä?');
  await page.getByLabel('English').fill('[ar] We will get back to you tomorrow.');
  await expect(page.getByTestId('template-mark-en')).toHaveText('Ei vielä käännetty.');
  await page.getByLabel('English').fill('We will get back to you tomorrow.');
  await expect(page.getByTestId('template-mark-en')).toHaveCount(0);
  await expect(page.getByTestId('template-mark-fi')).toHaveCount(0);
  // Kept by the workstation once typing pauses (not by the page): reload only after it says so.
  await keeping.kept(
    (value) => value.includes('We will get back to you tomorrow.') && value.includes('Vi återkommer i morgon.'),
  );

  await page.reload();
  await page.getByRole('button', { name: 'Vastauspohjat' }).click();
  await expect(page.getByLabel('Tunniste (pienet kirjaimet, numerot, viivat)')).toHaveValue('kesken-jaava');
  await expect(page.getByLabel('Suomi')).toHaveValue('Palaamme asiaan huomenna.');
  await expect(page.getByLabel('Svenska')).toHaveValue('Vi återkommer i morgon.');
  await expectAccessible(page);

  const before = keeping.confirmed();
  await page.getByRole('button', { name: 'Peruuta' }).click();
  await keeping.kept((value) => value === '', before);
  await page.reload();
  await page.getByRole('button', { name: 'Vastauspohjat' }).click();
  await expect(page.getByRole('heading', { name: 'Chatin vastauspohjat' })).toBeVisible();
  await expect(page.getByLabel('Suomi')).toHaveCount(0);
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
});
