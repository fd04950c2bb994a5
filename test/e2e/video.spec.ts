import { residentCatalogs } from '../../shared/i18n/resident';
import type { Page } from '@playwright/test';
import { type BackendProc, type HostProc, startBackend } from '../support/processes';
import { type TurnServer, startTurn } from '../support/turn';
import { expect, expectAccessible, signIn, test as base } from './support/fixtures';
import { decodedFrames, newVideoContact, residentOpensLink, videoPage } from './support/video';

/** The video tests share one coturn relay, one backend that hands out its credentials, and one workstation host. */
// Worker fixtures; the last test restarts the backend on the same port and data.
const test = base.extend<object, { turn: TurnServer; backend: BackendProc; host: HostProc }>({
  turn: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const turn = await startTurn();
      await use(turn);
      await turn.stop();
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  backend: [
    async ({ turn }, use) => {
      const backend = await startBackend({ env: turn.env });
      await use(backend);
      await backend.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

const fi = residentCatalogs.fi;

async function nurseStarts(nurse: Page, hostUrl: string, description: string, checkFirst = false): Promise<string> {
  await signIn(nurse, hostUrl, 'aino');
  await nurse.locator('#queue-filter').fill(description);
  const row = nurse.getByTestId('queue-row').filter({ hasText: description });
  await row.click();
  await nurse.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
  await expect(nurse.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
  if (checkFirst) {
    // The device check, in words: camera, backend, and the TURN relay reached with the backend's credentials.
    await nurse.getByRole('button', { name: 'Tarkista kamera ja mikrofoni' }).click();
    await expect(nurse.getByTestId('check-camera')).toHaveText('Kamera näyttää kuvaa.');
    await expect(nurse.getByTestId('check-backend')).toHaveText('Palvelu vastaa.');
    await expect(nurse.getByTestId('check-relay')).toHaveText(/^Välityspalvelin on tavoitettavissa/);
    await expectAccessible(nurse);
  }
  await nurse.getByRole('button', { name: 'Aloita videovastaanotto' }).click();
  const link = nurse.getByTestId('video-join-link');
  await expect(link).toHaveValue(/\/r\/#video=/);
  return link.inputValue();
}

test('a nurse starts a video visit from the queue; the resident joins by link, waits, is let in; both see each other, mute shows, a still lands in her photos', async ({
  browser,
  backend,
  host,
}) => {
  await newVideoContact(backend.url, 'Haluan näyttää ihottuman videolla', 'resident-00005');
  const nurse = await videoPage(browser);
  const resident = await videoPage(browser);
  const link = await nurseStarts(nurse, host.url, 'Haluan näyttää ihottuman videolla', true);
  // The video visit's documentation opens beside the call.
  await expect(nurse.getByTestId('video-call')).toBeVisible();
  await expect(nurse.getByTestId('documentation')).toBeVisible();

  await residentOpensLink(resident, backend, link, 'SYN-000005');
  await expect(resident.getByText(fi.video.permission)).toBeVisible();
  await expect(resident.getByText(fi.video.nothingRecorded)).toBeVisible();
  await expectAccessible(resident);
  await resident.getByRole('button', { name: fi.video.join }).click();
  await expect(resident.getByText(fi.video.waiting)).toBeVisible();
  await expect(resident.getByText(fi.video.cameraOk)).toBeVisible();
  await expect(resident.getByText(fi.video.relayOk)).toBeVisible();
  await expectAccessible(resident);

  const admit = nurse.getByRole('button', { name: /^Päästä .* sisään$/ });
  await expect(admit).toBeVisible();
  await admit.click();
  await expect(resident.getByText(fi.video.inCall)).toBeVisible();
  await expect.poll(async () => (await decodedFrames(nurse)).resident ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect
    .poll(async () => (await decodedFrames(resident)).professional ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect(nurse.getByTestId('call-quality')).toContainText('Yhteys');
  await expectAccessible(nurse);

  await resident.getByRole('button', { name: fi.video.mute }).click();
  await expect(nurse.getByTestId('remote-tile').filter({ hasText: 'on mykistänyt mikrofoninsa' })).toBeVisible();
  await nurse.getByRole('button', { name: 'Mykistä mikrofoni' }).click();
  await expect(resident.getByTestId('remote-muted')).toBeVisible();

  await nurse.getByRole('button', { name: 'Tallenna asukkaan videosta still-kuva kuviin' }).click();
  await expect(nurse.getByText('Still-kuva tallennettiin asukkaan kuviin.', { exact: false })).toBeVisible();
  await expect(resident.getByTestId('snapshot-notice')).toHaveText(fi.video.snapshot);

  // An interpreter joins by a one-time link; after being let in, all three see each other.
  await nurse.getByRole('button', { name: 'Kutsu tulkki tai läheinen' }).click();
  const invitation = await nurse.getByTestId('video-invite-link').inputValue();
  const interpreter = await videoPage(browser);
  await interpreter.goto(invitation);
  await interpreter.locator('.language select').selectOption('fi');
  await expect(interpreter.getByText(fi.video.guestIntro)).toBeVisible();
  await interpreter.getByRole('button', { name: fi.video.join }).click();
  await expect(interpreter.getByText(fi.video.waiting)).toBeVisible();
  await nurse.getByRole('button', { name: /^Päästä .* sisään$/ }).click();
  for (const [page, others] of [
    [nurse, ['resident', 'guest']],
    [resident, ['professional', 'guest']],
    [interpreter, ['professional', 'resident']],
  ] as const) {
    for (const role of others)
      await expect.poll(async () => (await decodedFrames(page))[role] ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
  }

  // The resident reloads: she comes straight back in (admission is kept), and the picture returns.
  await resident.reload();
  await expect(resident.getByRole('button', { name: fi.video.join })).toBeVisible();
  await resident.getByRole('button', { name: fi.video.join }).click();
  await expect(resident.getByText(fi.video.inCall)).toBeVisible();
  await expect
    .poll(async () => (await decodedFrames(resident)).professional ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);

  await nurse.getByRole('button', { name: 'Lopeta videovastaanotto' }).click();
  await expect(nurse.getByText('Videovastaanotto päättyi.', { exact: false })).toBeVisible();
  await expect(resident.getByText(fi.video.ended)).toBeVisible();
  await expect(interpreter.getByText(fi.video.ended)).toBeVisible();

  // The still is among the resident's photos beside the contact (after the workstation synced it).
  await nurse.getByRole('button', { name: 'Sulje' }).first().click();
  await nurse.getByTestId('queue-row').filter({ hasText: 'Haluan näyttää ihottuman videolla' }).click();
  await expect(nurse.getByText('Kuvakaappaus videovastaanotolta')).toBeVisible({ timeout: 10_000 });
  for (const page of [nurse, resident, interpreter]) await page.context().close();
});

test('through the TURN relay only, the resident in Arabic (right to left): the nurse still gets her picture, relayed', async ({
  browser,
  backend,
  host,
}) => {
  await newVideoContact(backend.url, 'Videovastaanotto palomuurin takaa', 'resident-00006');
  const nurse = await videoPage(browser, true);
  const resident = await videoPage(browser, true);
  const link = await nurseStarts(nurse, host.url, 'Videovastaanotto palomuurin takaa');
  await residentOpensLink(resident, backend, link, 'SYN-000006');
  // In Arabic the page reads right to left, and the camera request is explained first.
  const ar = residentCatalogs.ar;
  await resident.locator('.language select').selectOption('ar');
  await expect(resident.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(resident.getByText(ar.video.permission)).toBeVisible();
  await expect(resident.getByText(ar.video.nothingRecorded)).toBeVisible();
  await expectAccessible(resident);
  await resident.getByRole('button', { name: ar.video.join }).click();
  await nurse.getByRole('button', { name: /^Päästä .* sisään$/ }).click();
  await expect.poll(async () => (await decodedFrames(nurse)).resident ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(nurse.getByTestId('remote-tile')).toHaveAttribute('data-relayed', 'yes');
  await expect(nurse.getByTestId('call-quality')).toContainText('välityspalvelimen kautta');
  await nurse.getByRole('button', { name: 'Lopeta videovastaanotto' }).click();
  await expect(resident.getByText(ar.video.ended)).toBeVisible();
  for (const page of [nurse, resident]) await page.context().close();
});

// Last in the file: it restarts the shared backend (same port, same data, same relay).
test('the nurse reloads mid-call, then the backend restarts: each time the other side is told and the call resumes', async ({
  browser,
  backend,
  host,
  turn,
}) => {
  await newVideoContact(backend.url, 'Videovastaanotto katkoksen yli', 'resident-00007');
  const nurse = await videoPage(browser);
  const resident = await videoPage(browser);
  const link = await nurseStarts(nurse, host.url, 'Videovastaanotto katkoksen yli');
  await residentOpensLink(resident, backend, link, 'SYN-000007');
  await resident.getByRole('button', { name: fi.video.join }).click();
  await nurse.getByRole('button', { name: /^Päästä .* sisään$/ }).click();
  await expect.poll(async () => (await decodedFrames(nurse)).resident ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);

  // The nurse's window reloads: her side leaves the call (the resident is told), and starting again brings the picture back.
  await nurse.reload();
  await expect(resident.getByText(fi.video.alone)).toBeVisible();
  await nurse.locator('#queue-filter').fill('Videovastaanotto katkoksen yli');
  await nurse.getByTestId('queue-row').filter({ hasText: 'Videovastaanotto katkoksen yli' }).click();
  await nurse.getByRole('button', { name: 'Aloita videovastaanotto' }).click();
  await expect(resident.getByText(fi.video.alone)).toHaveCount(0);
  await expect.poll(async () => (await decodedFrames(nurse)).resident ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);

  await backend.stop();
  await expect(nurse.getByText('Yhteys palveluun katkesi.', { exact: false })).toBeVisible();
  await expect(resident.getByText(fi.video.reconnecting)).toBeVisible();
  const again = await startBackend({ port: backend.port, dataDir: backend.dataDir, env: turn.env });
  try {
    await expect(nurse.getByText('Yhteys palveluun katkesi.', { exact: false })).toHaveCount(0, { timeout: 20_000 });
    await expect(resident.getByText(fi.video.reconnecting)).toHaveCount(0);
    await expect(resident.getByText(fi.video.inCall)).toBeVisible();
    await expect.poll(async () => (await decodedFrames(nurse)).resident ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await nurse.getByRole('button', { name: 'Lopeta videovastaanotto' }).click();
    await expect(resident.getByText(fi.video.ended)).toBeVisible();
  } finally {
    await again.stop();
  }
});
