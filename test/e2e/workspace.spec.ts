import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userDir } from '../../main/cache/user-cache-path';
import { newSelfAssessment } from './support/contacts';
import { expect, expectAccessible, signIn, test } from './support/fixtures';

/** Where keyboard focus is, by id, test id or role and name: never <body>. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return (
      el.id ||
      el.getAttribute('data-testid') ||
      `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 40)}`
    );
  });

test('by keyboard alone a nurse claims, chats, documents and signs a contact in at most 40 key presses, focus never on <body>', async ({
  page,
  host,
  backend,
}) => {
  test.setTimeout(90_000);
  await signIn(page, host.url, 'aino');
  const reason = `Näppäimin ${Date.now()}`;
  await newSelfAssessment(backend.url, reason, 'resident-00011');
  await expect(page.getByTestId('queue-row').filter({ hasText: reason })).toBeVisible({ timeout: 5000 });

  // Each key press (a typed word counts as one) is followed by a look at where focus is.
  let presses = 0;
  const steps: string[] = [];
  const after = async (what: string) => {
    presses += 1;
    const at = await focused(page);
    steps.push(`${what} → ${at}`);
    expect(at, steps.join('\n')).not.toBe('BODY');
    return at;
  };
  const press = async (key: string) => {
    await page.keyboard.press(key);
    return after(key);
  };
  const type = async (text: string) => {
    await page.keyboard.type(text);
    return after(`type ${text}`);
  };
  const expectFocus = async (id: string) => expect.poll(() => focused(page), { message: steps.join('\n') }).toBe(id);

  await page.getByTestId('queue-list').focus();
  await press('/');
  await type(reason);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await press('Escape');
  await press('c');
  await expect(page.getByTestId('detail-holder')).toHaveText('Aino Virtanen');

  // Into the composer, write, send; focus stays in the box.
  await press('Alt+M');
  await expectFocus('chat-text');
  await type('Hei, miten voitte nyt?');
  await press('Control+Enter');
  await expect(page.getByTestId('chat-message').filter({ hasText: 'Hei, miten voitte nyt?' })).toBeVisible();
  await expectFocus('chat-text');
  await press('Tab');
  await expect(page.locator(':focus')).toHaveText('Lopeta chat ja kirjaa');
  await press('Enter');

  // Documentation opens at the first field still to fill; each step moves focus on.
  const doc = page.getByTestId('documentation');
  await expect(doc).toBeVisible();
  await expectFocus('doc-reason-search');
  await type('R74');
  await press('Tab');
  await press('Enter');
  await expect(doc.getByTestId('reason-chosen')).toContainText('R74');
  await expect(page.locator(':focus')).toHaveText('Seuraava');
  await press('Enter');
  // The history came from the self-assessment: nothing to fill, so focus is on Next.
  await expect(doc.getByRole('group', { name: 'Esitiedot' })).toBeVisible();
  await expect(page.locator(':focus')).toHaveText('Seuraava');
  await press('Enter');
  await expectFocus('doc-currentState');
  await type('Hengittää vaivatta');
  await press('Tab');
  await press('Enter');
  await expectFocus('doc-urgency');
  await type('P5');
  await press('Tab');
  await type('Ei kiireellinen');
  await press('Tab');
  await press('Enter');
  await expectFocus('doc-plan');
  await type('Omah');
  await press('Tab');
  await press('Space');
  await press('Tab');
  await type('Lepoa ja nesteitä');
  await press('Tab');
  await press('Tab');
  await press('Enter');
  await expectFocus('doc-followUp');
  await type('Yhteys, jos ei helpota');
  await press('Tab');
  await press('Enter');
  await expect(page.locator(':focus')).toHaveText('Allekirjoita');
  await expect(doc.getByTestId('note-review')).toContainText('Lepoa ja nesteitä');
  await press('Enter');
  await expect(doc.getByTestId('doc-signed')).toBeVisible();
  await expect(page.locator(':focus')).toHaveText('Sulje ja siirry seuraavaan yhteydenottoon');
  await expectAccessible(page);
  await press('Enter');
  await expect(page.getByTestId('item-detail')).toHaveCount(0);
  await expectFocus('queue-list');
  expect(presses, steps.join('\n')).toBeLessThanOrEqual(40);
});

/** Whether the element is wholly inside the window (visible without scrolling the page). */
const inWindow = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;
  });

test('at 1280×720 the opened contact gets the screen: composer and the current documentation field in view without page scroll, in Finnish, Swedish and English', async ({
  page,
  host,
  backend,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, host.url, 'aino');
  const reason = `Työtila ${Date.now()}`;
  await newSelfAssessment(backend.url, reason, 'resident-00012');
  const row = page.getByTestId('queue-row').filter({ hasText: reason });
  await row.click();
  await page.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
  await expect(page.getByTestId('detail-holder')).toHaveText('Aino Virtanen');

  const languages = [
    { code: 'fi', settings: 'Asetukset', name: 'Suomi', queue: 'Jono', document: 'Kirjaa' },
    { code: 'sv', settings: 'Inställningar', name: 'Svenska', queue: 'Kö', document: 'Dokumentera' },
    { code: 'en', settings: 'Settings', name: 'English', queue: 'Queue', document: 'Document' },
  ];
  for (const [i, language] of languages.entries()) {
    if (i > 0) {
      await page.getByRole('button', { name: languages[i - 1]!.settings, exact: true }).click();
      await page.getByRole('radio', { name: language.name }).check();
      await page.getByRole('button', { name: language.queue, exact: true }).click();
      await page.getByTestId('queue-row').filter({ hasText: reason }).click();
    }
    // The conversation and the record side by side; the queue a rail beside them.
    await page.keyboard.press('Alt+M');
    await expect(page.locator('#chat-text')).toBeFocused();
    await page.getByRole('button', { name: language.document, exact: true }).click();
    await expect(page.getByTestId('documentation')).toBeVisible();
    const field = page.locator('.doc-step :focus');
    await expect(field).toHaveCount(1);
    expect(await inWindow(page, '#chat-text'), `${language.code}: composer`).toBe(true);
    expect(await inWindow(page, '.doc-step :focus'), `${language.code}: current field`).toBe(true);
    expect(
      await page.evaluate(
        () =>
          document.documentElement.scrollHeight <= window.innerHeight &&
          document.documentElement.scrollWidth <= window.innerWidth,
      ),
      `${language.code}: page scroll`,
    ).toBe(true);
    const rail = await page.getByTestId('queue-list').boundingBox();
    const contact = await page.getByTestId('item-detail').boundingBox();
    expect(contact!.width, `${language.code}: the contact is wider than the rail`).toBeGreaterThan(rail!.width * 2);
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/workspace-${language.code}.png` });
  }
  // Back to Finnish for the tests after this one.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: 'Suomi' }).check();
  await page.getByRole('button', { name: 'Jono', exact: true }).click();
  await page.getByTestId('queue-row').filter({ hasText: reason }).click();

  // The rail keeps the width she drags it to: saved in her settings, there again after she signs in.
  const rail = page.getByTestId('queue-list');
  const box = (await rail.boundingBox())!;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height - 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 76, box.y + box.height - 4, { steps: 4 });
  await page.mouse.up();
  const dragged = (await rail.boundingBox())!.width;
  expect(dragged).toBeGreaterThan(box.width + 40);
  const preferences = join(userDir(host.dataDir, 'staff-nurse-aino'), 'preferences.json');
  const saved = () =>
    (JSON.parse(readFileSync(preferences, 'utf8')) as { settings?: { railWidth?: number } }).settings?.railWidth ?? 0;
  await expect.poll(saved).toBeGreaterThan(box.width + 40);
  await signIn(page, host.url, 'aino');
  await page.getByTestId('queue-row').filter({ hasText: reason }).click();
  await expect.poll(async () => Math.abs((await rail.boundingBox())!.width - dragged)).toBeLessThan(2);
  // And by keyboard, from the list: ] wider, [ narrower, 32 px a press, kept like the drag.
  await rail.focus();
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect.poll(async () => Math.abs((await rail.boundingBox())!.width - dragged - 64)).toBeLessThan(2);
  await expect.poll(() => Math.abs(saved() - dragged - 64)).toBeLessThan(2);
  await page.keyboard.press('[');
  await expect.poll(async () => Math.abs((await rail.boundingBox())!.width - dragged - 32)).toBeLessThan(2);
  await page.getByRole('button', { name: 'Palauta jonoon' }).click();
  await expect(page.getByTestId('detail-holder')).toHaveText('Ei otettu');
});
