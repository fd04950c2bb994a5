import AxeBuilder from '@axe-core/playwright';
import { type Page, test as base, expect } from '@playwright/test';
import { type BackendProc, type HostProc, startBackend, startHost } from '../../support/processes';

interface Workers {
  backend: BackendProc;
  host: HostProc;
}

/** One real backend (embedded PostgreSQL) and one browser host per worker, shared by its tests. */
export const test = base.extend<object, Workers>({
  backend: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const backend = await startBackend();
      await use(backend);
      await backend.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  host: [
    async ({ backend }, use) => {
      const host = await startHost({ backendUrl: backend.url });
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect };

/** Every view a test visits is checked against WCAG 2.1 AA rules by axe. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Signs in on a workstation; one left signed in (or locked) by an earlier test is signed out first. */
export async function signIn(page: Page, url: string, username: string, password = 'kaari-demo'): Promise<void> {
  await page.goto(url);
  const signOut = page.getByRole('button', { name: /^(Kirjaudu ulos|Logga ut|Sign out)$/ });
  // A user left signed in by an earlier test may have been locked for being idle: switch user.
  const switchUser = page.getByRole('button', { name: /^(Vaihda käyttäjää|Byt användare|Switch user)$/ });
  await expect(page.locator('#username').or(signOut).or(switchUser)).toBeVisible();
  // A sign-out still finishing (the previous step's) may take the button away first: either way, the form follows.
  if (await signOut.isVisible()) await signOut.click({ timeout: 5000 }).catch(() => undefined);
  else if (await switchUser.isVisible()) await switchUser.click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('h1')).toHaveText(/^(Jono|Kö|Queue)$/);
}

/** Chooses the workstation language in the user's settings (kept for her) and goes back to the queue. */
export async function chooseLanguage(page: Page, language: 'Suomi' | 'Svenska' | 'English'): Promise<void> {
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: /^(Asetukset|Inställningar|Settings)$/ }).click();
  await page.getByRole('radio', { name: language }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', { Suomi: 'fi', Svenska: 'sv', English: 'en' }[language]);
  await nav.getByRole('button', { name: /^(Jono|Kö|Queue)/ }).click();
  await expect(page.locator('h1')).toHaveText(/^(Jono|Kö|Queue)$/);
}
