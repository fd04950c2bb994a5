import type { Browser, Page } from '@playwright/test';
import { startBackend, startHost } from '../support/processes';
import { newSelfAssessment } from './support/contacts';
import { chooseLanguage, expect, expectAccessible, signIn, test } from './support/fixtures';

async function nursePage(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, url, username);
  // The test reads Finnish; Björn's profile would start him in Swedish.
  await chooseLanguage(page, 'Suomi');
  await expect(page.getByTestId('connection-state')).toHaveText(/Yhteys toimii/);
  return page;
}

test('two nurses see a new self-assessment within a second; of simultaneous claims one wins; release puts it back', async ({
  browser,
  backend,
  host,
}) => {
  // Two workstations, as on two desks: each its own host process and cache, one regional backend.
  const secondHost = await startHost({ backendUrl: backend.url });
  try {
    const aino = await nursePage(browser, host.url, 'aino');
    const bjorn = await nursePage(browser, secondHost.url, 'bjorn');

    const reason = `Oirearvio: hengitystieinfektio ${Date.now()}`;
    await newSelfAssessment(backend.url, reason);
    const rowA = aino.getByTestId('queue-row').filter({ hasText: reason });
    const rowB = bjorn.getByTestId('queue-row').filter({ hasText: reason });
    await Promise.all([expect(rowA).toBeVisible({ timeout: 1000 }), expect(rowB).toBeVisible({ timeout: 1000 })]);
    await expect(rowA).toContainText('P3');
    await expect(rowA).toContainText('Oirearvio');
    await expectAccessible(aino);

    await rowA.click();
    await rowB.click();
    // Not in her care yet: the contact and who it is, but the resident's records only with a stated reason.
    await expect(aino.getByTestId('stated-reason')).toBeVisible();
    await expect(aino.getByTestId('resident-context')).not.toContainText('Kuume (°C): 38,9');
    const claimA = aino.getByRole('button', { name: 'Ota hoitoon (c)' });
    const claimB = bjorn.getByRole('button', { name: 'Ota hoitoon (c)' });
    await Promise.all([expect(claimA).toBeEnabled(), expect(claimB).toBeEnabled()]);
    // Both press at the same moment. Playwright's click waits for each button to be stable first,
    // which can let one nurse's claim reach the other screen (its button replaced by the holder)
    // before her own press lands; a DOM click on each button goes out within the same few ms.
    await Promise.all([claimA.evaluate((b: HTMLElement) => b.click()), claimB.evaluate((b: HTMLElement) => b.click())]);

    const holderA = aino.getByTestId('detail-holder');
    const holderB = bjorn.getByTestId('detail-holder');
    await expect(holderA).toHaveText(/Aino Virtanen|Björn Lindqvist/);
    const holder = (await holderA.textContent()) ?? '';
    await expect(holderB).toHaveText(holder);
    const [winner, loser] = holder === 'Aino Virtanen' ? [aino, bjorn] : [bjorn, aino];
    await expect(winner.getByTestId('detail-message')).toHaveText('Yhteydenotto on sinulla.');
    // Taking the contact is a care relationship: the self-assessment that came in opens beside it.
    await expect(winner.getByTestId('resident-context')).toContainText('Hengitystieinfektio');
    await expect(winner.getByTestId('resident-context')).toContainText('Kuume (°C): 38,9');
    await expect(winner.getByTestId('stated-reason')).toHaveCount(0);
    await expect(loser.getByTestId('detail-message')).toHaveText(`${holder} ehti ottaa tämän ensin.`);
    await expect(loser.getByTestId('queue-row').filter({ hasText: reason }).getByTestId('holder')).toHaveText(
      `Hoitaa: ${holder}`,
    );

    await winner.getByRole('button', { name: 'Palauta jonoon' }).click();
    await expect(loser.getByTestId('queue-row').filter({ hasText: reason }).getByTestId('holder')).toHaveText(
      'Ei otettu',
      { timeout: 2000 },
    );
    await expect(loser.getByRole('button', { name: 'Ota hoitoon (c)' })).toBeEnabled();

    // The other nurse takes it and hands it over to the first, by name, with a note.
    await loser.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
    const loserName = holder === 'Aino Virtanen' ? 'Björn Lindqvist' : 'Aino Virtanen';
    await expect(loser.getByTestId('detail-holder')).toHaveText(loserName);
    await loser.getByLabel('Valitse kollega').selectOption({ label: `${holder} (Sairaanhoitaja)` });
    await loser.getByLabel('Viesti kollegalle (vapaaehtoinen)').fill('Tuttu asiakas sinulle');
    await expectAccessible(loser);
    await loser.getByRole('button', { name: 'Siirrä', exact: true }).click();
    await expect(loser.getByTestId('detail-message')).toHaveText(`Siirretty: ${holder}.`);
    await expect(winner.getByTestId('queue-row').filter({ hasText: reason }).getByTestId('holder')).toHaveText(
      `Hoitaa: ${holder}`,
      { timeout: 2000 },
    );
  } finally {
    await secondHost.stop();
  }
});

test('the queue works by keyboard: move, open, claim, filter, help', async ({ page, host, backend }) => {
  await signIn(page, host.url, 'aino');
  const reason = `Näppäimistötesti ${Date.now()}`;
  await newSelfAssessment(backend.url, reason);
  await expect(page.getByTestId('queue-row').filter({ hasText: reason })).toBeVisible({ timeout: 5000 });
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type(reason);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('queue-list')).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-detail')).toContainText(reason);
  await page.getByTestId('queue-list').focus();
  await page.keyboard.press('c');
  await expect(page.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
  await page.getByTestId('queue-list').focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Jonon pikanäppäimet' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Palauta jonoon' }).click();
  await expect(page.getByTestId('detail-holder')).toHaveText('Ei otettu');
});

test('with the backend stopped the queue stays readable with a banner, claiming is disabled with a reason, and it resumes by itself', async ({
  page,
}) => {
  // A backend of its own migrates and seeds before it listens (startBackend allows 150 s for that with both cores busy).
  test.setTimeout(180_000);
  const backend = await startBackend();
  const host = await startHost({ backendUrl: backend.url });
  try {
    await signIn(page, host.url, 'aino');
    const reason = `Offline-testi ${Date.now()}`;
    await newSelfAssessment(backend.url, reason);
    const row = page.getByTestId('queue-row').filter({ hasText: reason });
    await expect(row).toBeVisible({ timeout: 5000 });
    await backend.stop(true);
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByRole('button', { name: 'Ota hoitoon (c)' })).toBeDisabled();
    await expect(page.getByTestId('item-detail')).toContainText('Ottaminen ei onnistu ilman yhteyttä');
    await expectAccessible(page);
    const again = await startBackend({ port: backend.port, dataDir: backend.dataDir });
    try {
      await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 20_000 });
      await expect(page.getByRole('button', { name: 'Ota hoitoon (c)' })).toBeEnabled();
    } finally {
      await again.stop();
    }
  } finally {
    await host.stop();
    await backend.stop();
  }
});
