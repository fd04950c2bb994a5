import { startBackend, startHost } from '../support/processes';
import { expect, signIn, test } from './support/fixtures';

test('the status area shows offline when the regional backend stops, and online again after restart', async ({
  page,
}) => {
  // A backend of its own migrates and seeds before it listens (startBackend allows 150 s for that with both cores busy).
  test.setTimeout(180_000);
  const backend = await startBackend();
  const host = await startHost({ backendUrl: backend.url });
  try {
    await signIn(page, host.url, 'aino');
    await expect(page.getByTestId('connection-state')).toHaveText(/Yhteys toimii/);
    await backend.stop(true);
    await expect(page.getByTestId('connection-state')).toHaveText(/Ei yhteyttä/);
    const again = await startBackend({ port: backend.port, dataDir: backend.dataDir });
    try {
      await expect(page.getByTestId('connection-state')).toHaveText(/Yhteys toimii/, { timeout: 20_000 });
    } finally {
      await again.stop();
    }
  } finally {
    await host.stop();
    await backend.stop();
  }
});

test('the page says so when the workstation service itself stops, and recovers when it is back', async ({ page }) => {
  // A backend of its own migrates and seeds before it listens (startBackend allows 150 s for that with both cores busy).
  test.setTimeout(180_000);
  const backend = await startBackend();
  const host = await startHost({ backendUrl: backend.url });
  const port = new URL(host.url).port;
  try {
    await signIn(page, host.url, 'aino');
    await host.stop(true);
    await expect(page.getByTestId('connection-state')).toHaveText(/Työaseman palvelu ei vastaa/);
    const again = await startHost({ backendUrl: backend.url, dataDir: host.dataDir, port: Number(port) });
    try {
      // The session lived in the killed process: the restarted host asks for sign-in again.
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
    } finally {
      await again.stop();
    }
  } finally {
    await host.stop();
    await backend.stop();
  }
});
