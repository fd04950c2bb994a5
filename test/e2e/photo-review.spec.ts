import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { residentCatalogs } from '../../shared/i18n/resident';
import { expect, expectAccessible, signIn, test } from './support/fixtures';
import { residentSignIn, residentToken } from './support/resident';

/** A synthetic wound photo: skin with a red patch, the patch smaller at the second visit. */
const woundPhoto = (radius: number) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#dcb08e"/><ellipse cx="400" cy="300" rx="${radius * 1.5}" ry="${radius}" fill="#a8322a"/></svg>`,
    ),
  )
    .jpeg()
    .toBuffer();

async function drag(page: Page, stage: Locator, from: [number, number], to: [number, number]) {
  await stage.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await stage.boundingBox();
  if (!box) throw new Error('no stage');
  const cx = Math.round(box.x + box.width / 2);
  const cy = Math.round(box.y + box.height / 2);
  await page.mouse.move(cx + from[0], cy + from[1]);
  await page.mouse.down();
  await page.mouse.move(cx + (from[0] + to[0]) / 2, cy + (from[1] + to[1]) / 2, { steps: 3 });
  await page.mouse.move(cx + to[0], cy + to[1], { steps: 3 });
  await page.mouse.up();
}

test('a nurse compares two photos of the same place a week apart with synchronised zoom, marks an arrow and a calibrated length, and finds them after a reload and in the documentation', async ({
  browser,
  backend,
  host,
  page,
}) => {
  test.setTimeout(120_000);
  const en = residentCatalogs.en;
  // The first photo, a week ago: dated through the resident API (a browser cannot backdate a file).
  const token = await residentToken(backend, 'SYN-000021');
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
  const first = await fetch(`${backend.url}/resident/api/photos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      requestId: randomUUID(),
      description: 'Haava sääressä',
      dataBase64: (await woundPhoto(120)).toString('base64'),
      language: 'en',
      bodySite: 'leg',
      view: 'close-up',
      takenAt: weekAgo,
    }),
  });
  expect(first.status).toBe(200);
  // The second, today, through the resident's web client.
  const resident = await (await browser.newContext()).newPage();
  await residentSignIn(resident, backend, 'SYN-000021', 'en');
  await resident.getByRole('button', { name: en.home.photo }).click();
  await resident
    .getByLabel(en.photo.file)
    .setInputFiles({ name: 'IMG_0042.JPG', mimeType: 'image/jpeg', buffer: await woundPhoto(70) });
  await resident.getByLabel(en.photo.bodySite).selectOption({ label: en.bodySites.leg });
  const description = `Wound on the shin, a week later ${Date.now()}`;
  await resident.getByLabel(en.photo.description).fill(description);
  await resident.getByRole('button', { name: en.photo.submit }).click();
  await expect(resident.getByRole('status')).toHaveText(en.photo.done);

  await signIn(page, host.url, 'aino');
  await page.getByTestId('queue-row').filter({ hasText: description }).click();
  await page.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
  await expect(page.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
  const review = page.getByRole('region', { name: 'Arvioitava kuva' });
  await review.getByRole('button', { name: 'Näytä kuva' }).click();

  // Opened beside the earlier photo of the same place.
  const main = review.getByTestId('photo-main');
  const compare = review.getByTestId('photo-compare');
  await expect(main.getByTestId('resident-photo')).toBeVisible();
  await expect(compare.getByTestId('resident-photo')).toBeVisible();
  await expect(review.getByLabel('Vertaa kuvaan')).toHaveValue(/media-/);
  await expect(review.getByRole('navigation', { name: 'Asukkaan kuvat' }).getByRole('button')).toHaveCount(2);

  // Zoom and pan in one follow in the other.
  await review.getByRole('button', { name: 'Suurenna' }).click();
  await expect(main).toHaveAttribute('data-zoom', '1.250');
  await expect(compare).toHaveAttribute('data-zoom', '1.250');
  await main.hover();
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => Number(await main.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
  expect(await compare.getAttribute('data-zoom')).toBe(await main.getAttribute('data-zoom'));
  await main.focus();
  await page.keyboard.press('0');
  await expect(compare).toHaveAttribute('data-zoom', '1.000');
  await drag(page, compare, [0, 0], [30, 20]);
  const frame = (stage: Locator) => stage.locator('.photo-frame').evaluate((el: HTMLElement) => el.style.transform);
  expect(await frame(compare)).toContain('translate(30px, 20px)');
  expect(await frame(main)).toBe(await frame(compare));
  await main.focus();
  await page.keyboard.press('0');
  await expect(main).toHaveAttribute('data-zoom', '1.000');
  await expectAccessible(page);

  // An arrow, a scale of known length, and a measurement twice as long.
  const tools = review.getByRole('group', { name: 'Merkintätyökalu' });
  await tools.getByLabel('Nuoli').check();
  await drag(page, main, [-60, -40], [-10, -5]);
  await tools.getByLabel('Mittakaava').check();
  await drag(page, main, [-40, 30], [40, 30]);
  await review.getByLabel('Mittakaavan todellinen pituus (mm)').fill('20');
  await review.getByRole('button', { name: 'Tallenna mittakaava' }).click();
  await tools.getByLabel('Mittaa').check();
  await drag(page, main, [-80, 60], [80, 60]);
  const marks = review.getByTestId('photo-marks');
  await expect(marks).toContainText('Nuoli');
  await expect(marks).toContainText('Mittaa 40 mm');
  await expect(main.getByTestId('mark-arrow')).toHaveCount(1);
  await expect(main.getByTestId('mark-measure')).toHaveCount(1);

  // The same without a pointer: a circle set by the keyboard's cursor (Enter, three steps right, Enter).
  await tools.getByLabel('Ympyrä').check();
  await main.focus();
  await expect(main).toHaveAccessibleDescription(/nuolinäppäimet siirtävät osoitinta/);
  await expect(main.getByTestId('mark-cursor')).toHaveCount(1);
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(marks).toContainText('Ympyrä');
  await expect(main.getByTestId('mark-circle')).toHaveCount(1);
  await expect(main).toBeFocused();

  // Kept through a reload, as data beside the photo.
  await page.reload();
  await page.getByTestId('queue-row').filter({ hasText: description }).click();
  await review.getByRole('button', { name: 'Näytä kuva' }).click();
  await expect(review.getByTestId('photo-marks')).toContainText('Mittaa 40 mm');
  await expect(main.getByTestId('mark-arrow')).toHaveCount(1);

  // And in the documentation, with the photo still in view while the finding is typed.
  await page.getByRole('button', { name: 'Kirjaa' }).click();
  const doc = page.getByTestId('documentation');
  await expect(doc.getByTestId('documentation-photo-marks')).toContainText('Merkinnät kuvaan: Nuoli; Mittaa 40 mm');
  await doc.getByLabel('Löydös kuvassa').fill('Haava pienentynyt viikossa, reunat siistit');
  await expect(main).toBeInViewport();
  await expectAccessible(page);
});
