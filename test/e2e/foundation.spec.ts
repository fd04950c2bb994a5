import { expect, expectAccessible, signIn, test } from './support/fixtures';

test.describe('workstation shell', () => {
  test('a nurse signs in and sees her profile and a live connection', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
    await expectAccessible(page);
    await signIn(page, host.url, 'aino');
    await page.getByRole('button', { name: 'Yleisnäkymä' }).click();
    await expect(page.getByRole('heading', { name: 'Hei, Aino Virtanen' })).toBeVisible();
    await expect(page.getByText('Sairaanhoitaja')).toBeVisible();
    await expect(page.getByTestId('connection-state')).toHaveText(/Yhteys toimii/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  });

  test('an administrator lands on a view made for him, never on an empty clinical queue', async ({ page, host }) => {
    await page.goto(host.url);
    await page.locator('#username').fill('antti');
    await page.locator('#password').fill('kaari-demo');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('heading', { name: 'Hei, Antti Nieminen' })).toBeFocused();
    const nav = page.getByRole('navigation', { name: 'Päävalikko' });
    await expect(nav.getByRole('button', { name: 'Jono' })).toHaveCount(0);
    await expect(nav.getByRole('button', { name: /^Pyynnöt/ })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  });

  test('a wrong password gets a clear error and no session', async ({ page, host }) => {
    await page.goto(host.url);
    await page.locator('#username').fill('aino');
    await page.locator('#password').fill('wrong');
    await page.getByRole('button', { name: 'Kirjaudu' }).click();
    await expect(page.getByRole('alert')).toHaveText('Väärä käyttäjätunnus tai salasana.');
    await expect(page.locator('#password')).toHaveValue('');
    await expectAccessible(page);
  });

  test('the language is switched in the UI and remembered per user', async ({ page, host }) => {
    await signIn(page, host.url, 'bjorn');
    // Whatever language an earlier test left him in.
    await page.getByRole('button', { name: /^(Asetukset|Inställningar|Settings)$/ }).click();
    await page.getByRole('radio', { name: 'Svenska' }).check();
    await expect(page.getByRole('heading', { name: 'Inställningar' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expectAccessible(page);
    await page.getByRole('radio', { name: 'English' }).check();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await page.getByRole('radio', { name: 'Svenska' }).check();
    await page.getByRole('button', { name: 'Logga ut' }).click();

    // The sign-in screen keeps the device's last language; another user gets their own setting.
    await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
    await page.getByRole('radio', { name: 'Suomi' }).check();
    await signIn(page, host.url, 'eero');
    await expect(page.getByRole('heading', { name: 'Jono' })).toBeVisible();
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();

    await signIn(page, host.url, 'bjorn');
    await expect(page.getByRole('heading', { name: 'Kö' })).toBeVisible();
    await page.getByRole('button', { name: 'Översikt' }).click();
    await expect(page.getByRole('heading', { name: 'Hej, Björn Lindqvist' })).toBeVisible();
    // The templates view in Swedish shows each template in the professional's own language.
    await page.getByRole('button', { name: 'Svarsmallar' }).click();
    await expect(page.getByRole('heading', { name: 'Svarsmallar för chatten' })).toBeVisible();
    await expect(page.getByTestId('templates')).toContainText('Ring nödnumret 112 genast.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });

  test('every view works by keyboard alone', async ({ page, host }) => {
    await signIn(page, host.url, 'aino');
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'Asetukset' })).toBeFocused();
    // Tab from the heading reaches the language choice; arrow keys change it.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: 'Suomi' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('heading', { name: 'Inställningar' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectAccessible(page);
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { name: 'Hello, Aino Virtanen' })).toBeFocused();
    await expectAccessible(page);
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { name: 'Chat templates' })).toBeFocused();
    await expect(page.getByTestId('templates')).toContainText('Call the emergency number 112 right away.');
    await expectAccessible(page);
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { name: 'Sync' })).toBeFocused();
    await expectAccessible(page);
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { name: 'Requests for you' })).toBeFocused();
    await expectAccessible(page);
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeFocused();
    await expectAccessible(page);
    // Restore for other tests that sign in as aino.
    await page.keyboard.press('Alt+6');
    await page.getByRole('radio', { name: 'Suomi' }).check();
    await page.getByRole('radio', { name: 'Järjestelmän mukaan' }).check();
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  });
});
