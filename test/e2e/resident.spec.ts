import AxeBuilder from '@axe-core/playwright';
import { residentLanguages, residentCatalogs } from '../../shared/i18n/resident';
import { expect, expectAccessible, signIn, test } from './support/fixtures';
import { residentSignIn, tinyPng } from './support/resident';

test('a red-flag answer tells the resident to call 112 at once and puts an emergency in the queue', async ({
  browser,
  backend,
}) => {
  const page = await (await browser.newContext()).newPage();
  await residentSignIn(page, backend, 'SYN-000011', 'sv');
  const sv = residentCatalogs.sv;
  await page.getByRole('button', { name: sv.home.assess }).click();
  await page.getByRole('button', { name: sv.questionnaire['respiratory-infection'] }).click();
  const answer = async (linkId: keyof typeof sv.questionnaire.questions, yes: boolean) =>
    page
      .getByRole('group', { name: sv.questionnaire.questions[linkId] })
      .getByLabel(yes ? sv.questionnaire.yes : sv.questionnaire.no)
      .check();
  await answer('breathing-difficulty', true);
  for (const linkId of ['confusion', 'chest-pain', 'cough', 'sore-throat', 'risk-group'] as const)
    await answer(linkId, false);
  await page.getByRole('button', { name: sv.questionnaire.submit }).click();
  await expect(page.getByRole('alert')).toHaveText(sv.result['call-112']);
  // The number calls: one tap on a phone.
  await expect(page.getByRole('alert').getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
  await expectAccessible(page);
  // Every piece of text sits in a landmark (axe's region rule, a best practice beyond WCAG).
  const regions = await new AxeBuilder({ page }).withRules(['region']).analyze();
  expect(regions.violations.map((v) => v.nodes.map((n) => n.target.join(' ')).join(', '))).toEqual([]);

  // What the resident reads is backed by the record: the queue holds a P0 item for them.
  const login = await fetch(`${backend.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leena', password: 'kaari-demo', deviceId: 'e2e' }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const bundle = (await (
    await fetch(`${backend.url}/fhir/Task?patient=Patient/resident-00011&status=requested`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { entry?: { resource: { extension?: { url: string; valueCode?: string }[] } }[] };
  const urgencies = (bundle.entry ?? []).map(
    (e) => e.resource.extension?.find((x) => x.url === 'urn:kaari:fhir:urgency-class')?.valueCode,
  );
  expect(urgencies).toContain('P0');
});

test('the resident client passes axe in every language, right-to-left Arabic included', async ({
  browser,
  backend,
}) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext()).newPage();
  await residentSignIn(page, backend, 'SYN-000012', 'fi');
  for (const language of residentLanguages) {
    await page.locator('.language select').selectOption(language);
    const texts = residentCatalogs[language];
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByRole('button', { name: texts.home.assess })).toBeVisible();
    await expectAccessible(page);
    // The longest form, and the chat start, in this language too.
    await page.getByRole('button', { name: texts.home.assess }).click();
    await page.getByRole('button', { name: texts.questionnaire['mental-wellbeing'] }).click();
    await expect(page.getByRole('group', { name: texts.questionnaire.questions['self-harm'] })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: texts.app.home }).click();
    await page.getByRole('button', { name: texts.home.chat }).click();
    await expect(page.getByLabel(texts.chat.firstMessage)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: texts.app.home }).click();
  }
  // And the sign-in page, in Arabic.
  await page.locator('.language select').selectOption('ar');
  await page.getByRole('button', { name: residentCatalogs.ar.app.signOut }).click();
  await expect(page.locator('#identifier')).toBeVisible();
  await expectAccessible(page);
  const regions = await new AxeBuilder({ page }).withRules(['region']).analyze();
  expect(regions.violations.map((v) => v.nodes.map((n) => n.target.join(' ')).join(', '))).toEqual([]);
});

test('a photo the resident sends is a queue item that opens with the photo to review', async ({
  browser,
  backend,
  host,
}) => {
  const resident = await (await browser.newContext()).newPage();
  await residentSignIn(resident, backend, 'SYN-000016', 'en');
  const en = residentCatalogs.en;
  await resident.getByRole('button', { name: en.home.photo }).click();
  await resident.getByLabel(en.photo.file).setInputFiles({ name: 'rash.png', mimeType: 'image/png', buffer: tinyPng });
  await resident.getByLabel(en.photo.bodySite).selectOption({ label: en.bodySites.arm });
  const description = `Rash on the elbow ${Date.now()}`;
  await resident.getByLabel(en.photo.description).fill(description);
  await resident.getByRole('button', { name: en.photo.submit }).click();
  await expect(resident.getByRole('status')).toHaveText(en.photo.done);
  await expectAccessible(resident);

  const nurse = await (await browser.newContext()).newPage();
  await signIn(nurse, host.url, 'leena');
  await nurse.getByTestId('queue-row').filter({ hasText: description }).click();
  const review = nurse.getByRole('region', { name: 'Arvioitava kuva' });
  await review.getByRole('button', { name: 'Näytä kuva' }).click();
  const img = review.getByTestId('resident-photo');
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);
  await expectAccessible(nurse);
  await nurse.getByRole('button', { name: 'Kirjaudu ulos' }).click();
});

test('a reload loses nothing the resident typed, and what she sends after it arrives once', async ({
  browser,
  backend,
}) => {
  const page = await (await browser.newContext()).newPage();
  await residentSignIn(page, backend, 'SYN-000017', 'fi');
  const fi = residentCatalogs.fi;
  await page.getByRole('button', { name: fi.home.assess }).click();
  await page.getByRole('button', { name: fi.questionnaire['respiratory-infection'] }).click();
  const answer = (linkId: keyof typeof fi.questionnaire.questions, yes: boolean) =>
    page
      .getByRole('group', { name: fi.questionnaire.questions[linkId] })
      .getByLabel(yes ? fi.questionnaire.yes : fi.questionnaire.no);
  await answer('cough', true).check();
  await page.getByLabel(fi.questionnaire.questions.temperature, { exact: false }).fill('38.2');

  await page.reload();
  // Same screen, same answers.
  await expect(page.getByRole('heading', { name: fi.questionnaire['respiratory-infection'] })).toBeVisible();
  await expect(answer('cough', true)).toBeChecked();
  await expect(page.getByLabel(fi.questionnaire.questions.temperature, { exact: false })).toHaveValue('38.2');
  for (const linkId of ['breathing-difficulty', 'confusion', 'chest-pain', 'sore-throat', 'risk-group'] as const)
    await answer(linkId, false).check();
  await page.getByRole('button', { name: fi.questionnaire.submit }).click();
  await expect(page.getByRole('heading', { name: fi.result.heading })).toBeVisible();

  // A message being written survives a reload too, and is sent once.
  await page.getByRole('button', { name: fi.app.home }).click();
  await page.getByRole('button', { name: fi.home.chat }).click();
  await page.getByLabel(fi.chat.firstMessage).fill('Saako kuumelääkettä ottaa?');
  await page.reload();
  await expect(page.getByLabel(fi.chat.firstMessage)).toHaveValue('Saako kuumelääkettä ottaa?');
  await page.getByRole('button', { name: fi.chat.send }).click();
  await expect(page.locator('.messages li.mine')).toHaveText(/Saako kuumelääkettä ottaa\?/);
  await page.reload();
  await expect(page.locator('.messages li.mine')).toHaveCount(1);
  await expect(page.getByLabel(fi.chat.message)).toHaveValue('');

  // A photo she sends in the chat shows as her picture, not as a word.
  await page.getByLabel(fi.chat.attach).setInputFiles({ name: 'ihottuma.png', mimeType: 'image/png', buffer: tinyPng });
  await page.getByRole('button', { name: fi.chat.sendPhoto }).click();
  const own = page.locator('.messages li.mine').getByRole('img', { name: fi.chat.photoAlt });
  await expect(own).toBeVisible();
  await expect.poll(() => own.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(page);
});
