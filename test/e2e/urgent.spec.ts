import type { Browser, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { BackendProc } from '../support/processes';
import { startHost } from '../support/processes';
import { chooseLanguage, expect, expectAccessible, signIn, test } from './support/fixtures';
import { residentToken } from './support/resident';

/** A nurse on a workstation of her own, as set up by IT (the system allows notifications), who switched desktop notifications on. */
async function nurseOnDuty(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext();
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  // Records each desktop notification the workstation shows (the real one is shown too).
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: string[] = [];
    Object.assign(window, { shownNotifications: shown });
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title} | ${options?.body ?? ''}`);
      }
    } as typeof Notification;
  });
  await signIn(page, url, username);
  // A fresh workstation starts each nurse in her profile's language (Björn: Swedish); the test reads Finnish.
  await expect(page.locator('html')).toHaveAttribute('lang', username === 'bjorn' ? 'sv' : 'fi');
  await chooseLanguage(page, 'Suomi');
  await expect(page.getByTestId('connection-state')).toHaveText(/Yhteys toimii/);
  // Off until she opts in (docs/SECURITY.md); the chime and the pinned row do not depend on it.
  await page.getByRole('button', { name: 'Asetukset' }).click();
  const optIn = page.getByRole('checkbox', { name: 'Näytä kiireelliset yhteydenotot myös työpöytäilmoituksina' });
  await expect(optIn).not.toBeChecked();
  await optIn.check();
  await expect(page.getByRole('status').filter({ hasText: 'Tallennettu' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button', { name: 'Jono' }).click();
  return page;
}

const notifications = (page: Page) =>
  page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
/** The notifications about this test's Arabic emergencies (another test's emergency made just before may alert too: it is as urgent). */
const arabicAlerts = async (page: Page) =>
  (await notifications(page)).filter((n) =>
    /^Uusi kiireellinen yhteydenotto \| P0 .*arabia · Tulkki tarvitaan$/.test(n),
  ).length;

/** The resident answers "difficulty breathing" in Arabic: the backend's rules make it P0. */
async function arabicEmergency(backend: BackendProc, token: string): Promise<string> {
  const answers = {
    'breathing-difficulty': true,
    confusion: false,
    'chest-pain': false,
    cough: true,
    'sore-throat': false,
    'risk-group': false,
    temperature: 38.2,
  };
  const response = await fetch(`${backend.url}/resident/api/self-assessments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ requestId: randomUUID(), questionnaire: 'respiratory-infection', language: 'ar', answers }),
  });
  expect(response.status).toBe(200);
  const result = (await response.json()) as { taskId: string; urgency: string };
  expect(result.urgency).toBe('P0');
  return result.taskId;
}

test('an Arabic-speaking resident’s P0 self-assessment reaches every nurse on duty within a second, with the alert', async ({
  browser,
  backend,
}) => {
  // Fresh workstations: nothing chosen by an earlier test, the settings a nurse starts with.
  const hosts = await Promise.all([startHost({ backendUrl: backend.url }), startHost({ backendUrl: backend.url })]);
  try {
    const nurses = [
      await nurseOnDuty(browser, hosts[0]!.url, 'aino'),
      await nurseOnDuty(browser, hosts[1]!.url, 'bjorn'),
    ];
    for (const nurse of nurses)
      await expect(nurse.getByTestId('alert-mute')).toContainText('Kiireellisten hälytykset päällä');
    const token = await residentToken(backend, 'SYN-000031');

    const taskId = await arabicEmergency(backend, token);
    const rows = nurses.map((nurse) => nurse.locator(`[data-item-id="${taskId}"]`));
    // Neither nurse serves Arabic, and "only my profile" is on: the emergency shows anyway.
    await Promise.all(rows.map((row) => expect(row).toBeVisible({ timeout: 1000 })));
    for (const [i, nurse] of nurses.entries()) {
      await expect(rows[i]!).toContainText('P0');
      await expect(rows[i]!).toContainText('arabia');
      await expect(rows[i]!.getByTestId('interpreter-needed')).toHaveText('Tulkki tarvitaan');
      // Pinned above the routed list.
      await expect(nurse.getByTestId('queue-row').first()).toContainText('P0');
      await expect(nurse.getByTestId('urgent-alert')).toContainText('Hätätilanne');
      await expect(nurse.getByTestId('urgent-alert')).toContainText('Tulkki tarvitaan');
      await expect.poll(() => arabicAlerts(nurse)).toBe(1);
    }
    await expectAccessible(nurses[0]!);

    // Muted for the shift: the next emergency still shows, without a sound or a notification.
    await nurses[0]!.getByRole('button', { name: 'Hiljennä hälytykset tämän vuoron ajaksi' }).click();
    await expect(nurses[0]!.getByTestId('alert-mute')).toContainText('hiljennetty klo');
    const second = await arabicEmergency(backend, token);
    await Promise.all(
      nurses.map((nurse) => expect(nurse.locator(`[data-item-id="${second}"]`)).toBeVisible({ timeout: 1000 })),
    );
    await expect.poll(() => arabicAlerts(nurses[1]!)).toBe(2);
    expect(await arabicAlerts(nurses[0]!)).toBe(1);
    await expectAccessible(nurses[0]!);
  } finally {
    await Promise.all(hosts.map((h) => h.stop()));
  }
});
