import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCounty } from '../../backend/seed/demo-county';
import { startHost } from '../support/processes';
import { residentToken } from './support/resident';
import { expect, expectAccessible, signIn, test } from './support/fixtures';

test('the idle workstation locks, keeps the unsent reply behind the lock, and the password brings it back; switching user signs out', async ({
  page,
  backend,
}) => {
  // A workstation of its own whose policy locks after six idle seconds.
  const host = await startHost({ backendUrl: backend.url, env: { KAARI_IDLE_LOCK_MINUTES: '0.1' } });
  try {
    const token = await residentToken(backend, 'SYN-000021');
    const started = await fetch(`${backend.url}/resident/api/chats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        requestId: crypto.randomUUID(),
        text: 'Saako lääkettä ottaa ruoan kanssa?',
        language: 'fi',
      }),
    });
    expect(started.status).toBe(200);

    await signIn(page, host.url, 'aino');
    await page.getByTestId('queue-row').filter({ hasText: 'Saako lääkettä ottaa ruoan kanssa?' }).click();
    await page.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
    const reply = page.getByLabel('Viesti', { exact: true });
    await reply.fill('Kyllä, mutta ei greippimehun');
    await expect(page.getByTestId('chat-unsent-saved')).toBeVisible();

    // Nobody touches it: the lock screen covers everything, the reply is out of sight and reach.
    const lockScreen = page.getByTestId('lock-screen');
    await expect(lockScreen.getByRole('heading', { name: 'Työasema lukittu' })).toBeVisible({ timeout: 15_000 });
    await expect(lockScreen).toContainText('Lukittu, koska työasemaa ei käytetty hetkeen.');
    await expect(reply).toBeHidden();
    for (const shown of await page.getByText('Saako lääkettä ottaa ruoan kanssa?').all())
      await expect(shown).toBeHidden();
    await expect(lockScreen.getByLabel('Salasana')).toBeFocused();
    await expectAccessible(page);

    await lockScreen.getByLabel('Salasana').fill('väärä');
    await page.keyboard.press('Enter');
    await expect(lockScreen.getByRole('alert')).toContainText('Väärä salasana.');
    await lockScreen.getByLabel('Salasana').fill('kaari-demo');
    await page.keyboard.press('Enter');
    await expect(lockScreen).toHaveCount(0);
    await expect(reply).toHaveValue('Kyllä, mutta ei greippimehun');
    await expect(reply).toBeFocused();
    // Nothing behind the lock kept a "locked" error from the reads it was refused.
    await expect(page.getByText(/Työasema on lukittu/)).toHaveCount(0);

    // What the workstation shows is on its disk only encrypted: not one demo resident's name or
    // identifier in the bytes of its data folder (the backend seeds this county: seed 2026, 50 residents).
    const county = generateCounty({ seed: 2026, residents: 50, contacts: 15 });
    const secrets = [
      ...new Set(
        county.patients.flatMap((p) => [
          ...(p.name ?? []).flatMap((n) => [n.family ?? '', ...(n.given ?? [])]),
          ...(p.identifier ?? []).map((i) => i.value ?? ''),
        ]),
      ),
    ].filter((x) => x.length >= 5);
    const shown = await page.locator('.app-frame').innerText();
    expect(secrets.filter((x) => shown.includes(x)).length, 'the workstation shows some of the county').toBeGreaterThan(
      0,
    );
    const files = readdirSync(host.dataDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name));
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(files.some((f) => f.endsWith('cache.sqlite'))).toBe(true);
    expect(secrets.filter((x) => bytes.includes(Buffer.from(x)))).toEqual([]);

    // Leaving the desk: lock now, and a colleague switches user from the lock screen.
    await page.getByRole('button', { name: 'Lukitse' }).click();
    await expect(lockScreen).toContainText('Lukitsit työaseman.');
    await lockScreen.getByRole('button', { name: 'Vaihda käyttäjää' }).click();
    await expect(page.locator('#username')).toBeVisible();
    await expectAccessible(page);
  } finally {
    await host.stop();
  }
});
