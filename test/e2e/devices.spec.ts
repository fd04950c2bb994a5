import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBackend, startHost } from '../support/processes';
import { expect, expectAccessible, test } from './support/fixtures';

const userFolder = (dataDir: string, userId: string) =>
  join(dataDir, 'users', createHash('sha256').update(userId).digest('hex').slice(0, 32));

// Device identity (issue #17), end to end with devices that must be enrolled, as in production:
// the administrator enrolls her own workstation with the backend's first code, makes a code for
// a nurse's workstation, and revokes it; the nurse is signed out with a message and her cache is gone.
test('a workstation is enrolled with a one-time code, and a revoked one signs out and erases its cache', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const backend = await startBackend({ env: { KAARI_DEVICE_ENROLLMENT: 'required' } });
  const adminHost = await startHost({ backendUrl: backend.url });
  const nurseHost = await startHost({ backendUrl: backend.url });
  const adminPage = await (await browser.newContext()).newPage();
  const nursePage = await (await browser.newContext()).newPage();
  try {
    const firstCode = /Enrollment code for the first workstation \([^)]*\): ([A-Z0-9-]+)/.exec(backend.output())?.[1];
    expect(firstCode).toBeTruthy();

    // The administrator's own workstation: the sign-in screen asks for the code once.
    await adminPage.goto(adminHost.url);
    await adminPage.locator('#username').fill('antti');
    await adminPage.locator('#password').fill('kaari-demo');
    await adminPage.locator('form button[type=submit]').click();
    await expect(adminPage.getByTestId('session-notice')).toHaveText(/ei ole vielä otettu käyttöön/);
    await expect(adminPage.getByLabel('Käyttöönottokoodi')).toBeFocused();
    await expectAccessible(adminPage);
    await adminPage.getByLabel('Käyttöönottokoodi').fill(firstCode!);
    await adminPage.locator('form button[type=submit]').click();
    await adminPage.getByRole('button', { name: 'Laitteet' }).click();
    await expect(adminPage.locator('h1')).toHaveText('Laitteet ja kirjautuminen');
    await adminPage.getByRole('button', { name: 'Luo käyttöönottokoodi' }).click();
    const codeText = await adminPage.getByTestId('enrollment-code').textContent();
    const nurseCode = /Käyttöönottokoodi ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(codeText ?? '')?.[1];
    expect(nurseCode).toBeTruthy();
    await expectAccessible(adminPage);

    // The nurse's workstation, enrolled with that code; a wrong code first is refused in words.
    await nursePage.goto(nurseHost.url);
    await nursePage.locator('#username').fill('aino');
    await nursePage.locator('#password').fill('kaari-demo');
    await nursePage.locator('form button[type=submit]').click();
    await nursePage.getByLabel('Käyttöönottokoodi').fill('AAAA-AAAA');
    await nursePage.locator('form button[type=submit]').click();
    await expect(nursePage.getByTestId('session-notice')).toHaveText(/koodia ei hyväksytty/);
    await nursePage.getByLabel('Käyttöönottokoodi').fill(nurseCode!);
    await nursePage.locator('form button[type=submit]').click();
    await expect(nursePage.locator('h1')).toHaveText('Jono');
    const ainoFolder = userFolder(nurseHost.dataDir, 'staff-nurse-aino');
    expect(existsSync(ainoFolder)).toBe(true);
    expect(existsSync(join(nurseHost.dataDir, 'device-key'))).toBe(true);

    // The administrator sees it with its user, version and last contact in words, and revokes it.
    await adminPage.getByRole('button', { name: 'Päivitä luettelo' }).click();
    const row = adminPage.getByRole('row').filter({ hasText: 'Aino Virtanen' });
    await expect(row).toContainText(/tämän minuutin aikana|minuutti sitten|minuuttia sitten/);
    await expectAccessible(adminPage);
    await row.getByRole('button', { name: /Poista työasema .* käytöstä/ }).click();
    await expect(row).toContainText('Poistettu käytöstä');

    // At its next contact (the realtime socket is closed within seconds) the nurse is signed out,
    // told why, and nothing of hers is left on the workstation.
    await expect(nursePage.getByTestId('session-notice')).toHaveText(
      /Ylläpitäjä on poistanut tämän työaseman käytöstä/,
      { timeout: 30_000 },
    );
    expect(existsSync(ainoFolder)).toBe(false);
    expect(existsSync(join(nurseHost.dataDir, 'device-key'))).toBe(false);
    await expectAccessible(nursePage);
  } finally {
    await adminPage.context().close();
    await nursePage.context().close();
    await nurseHost.stop();
    await adminHost.stop();
    await backend.stop();
  }
});
