import { newSelfAssessment } from './support/contacts';
import { expect, expectAccessible, signIn, test } from './support/fixtures';
import { residentSignIn } from './support/resident';

/**
 * Access outside a care relationship (issue #11): the nurse sees a contact routed to her but not
 * the resident's records until she states a reason; the team lead and the resident both see it.
 */
test('a nurse opens a resident outside her care with a stated reason; the team lead and the resident see that access', async ({
  page,
  backend,
  host,
  browser,
}) => {
  test.setTimeout(120_000);
  const reason = `Oirearvio ${Date.now()}`;
  await newSelfAssessment(backend.url, reason, 'resident-00031');
  await signIn(page, host.url, 'aino');
  await page.getByTestId('queue-row').filter({ hasText: reason }).click();

  // Not hers yet: the contact, the name and the age, but no records, and the way to open them.
  const glass = page.getByTestId('stated-reason');
  await expect(glass).toContainText('Sinulla ei ole hoitosuhdetta');
  await expect(page.getByTestId('resident-context')).not.toContainText('Kuume (°C): 38,9');
  await expectAccessible(page);
  const open = glass.getByRole('button', { name: 'Avaa tällä perusteella' });
  await expect(open).toBeDisabled();
  const why = 'Asukas soitti päivystykseen, tarvitsen aiemman oirearvion.';
  await glass.getByLabel('Peruste tietojen avaamiselle').fill(why);
  await open.click();
  await expect(page.getByTestId('resident-context')).toContainText('Kuume (°C): 38,9');
  await expect(page.getByTestId('stated-reason')).toHaveCount(0);

  // The team lead's overview lists it, with the reason.
  await signIn(page, host.url, 'leena');
  await page.getByRole('button', { name: /^Yleisnäkymä/ }).click();
  const log = page.getByTestId('stated-reason-log');
  await expect(log.getByRole('row').filter({ hasText: why })).toContainText('Aino Virtanen');
  await expectAccessible(page);

  // And the resident sees who looked, and why, in her own language.
  const residentPage = await (await browser.newContext()).newPage();
  await residentSignIn(residentPage, backend, 'SYN-000031', 'sv');
  await residentPage.getByRole('button', { name: 'Vem har tittat på mina uppgifter' }).click();
  const line = residentPage.getByTestId('access-log').getByRole('listitem').filter({ hasText: why });
  await expect(line).toContainText('Aino Virtanen (sjuksköterska) öppnade dina uppgifter utanför din vård');
  await expectAccessible(residentPage);
  await residentPage.context().close();
});
