import { type Page, expect } from '@playwright/test';
import type { BackendProc } from '../../support/processes';

/** A real 1×1 PNG, for photo tests. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The one-time code the backend "sent" (printed in its log) for this identifier, newest first. */
export async function codeFromLog(backend: BackendProc, identifier: string): Promise<string> {
  let code = '';
  await expect
    .poll(() => {
      const matches = [
        ...backend.output().matchAll(new RegExp(`Resident sign-in code for ${identifier}: (\\d{6})`, 'g')),
      ];
      code = matches.at(-1)?.[1] ?? '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

/** Signs a resident in through the web client, in the given language. */
export async function residentSignIn(
  page: Page,
  backend: BackendProc,
  identifier: string,
  language: string,
): Promise<void> {
  await page.goto(`${backend.url}/r/`);
  await page.locator('.language select').selectOption(language);
  const before = backend.output().length;
  await page.locator('#identifier').fill(identifier);
  await page.locator('#identifier').press('Enter');
  await expect(page.locator('#code')).toBeVisible();
  await expect.poll(() => backend.output().length).toBeGreaterThan(before);
  await page.locator('#code').fill(await codeFromLog(backend, identifier));
  await page.locator('#code').press('Enter');
  await expect(page.locator('.emergency')).toBeVisible();
  await expect(page.locator('#code')).toHaveCount(0);
}

/** A resident session straight from the API, for tests whose subject is the professional's side. */
export async function residentToken(backend: BackendProc, identifier: string): Promise<string> {
  const before = backend.output().length;
  await fetch(`${backend.url}/resident/auth/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier }),
  });
  await expect.poll(() => backend.output().length).toBeGreaterThan(before);
  const code = await codeFromLog(backend, identifier);
  const r = await fetch(`${backend.url}/resident/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, code }),
  });
  return ((await r.json()) as { accessToken: string }).accessToken;
}
