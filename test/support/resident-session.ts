import { expect } from 'vitest';
import type { BackendProc } from './processes';

/** A resident signed in through her own API with the one-time code from the backend's log. */
export async function residentToken(backend: BackendProc, identifier: string): Promise<string> {
  const before = backend.output().length;
  await fetch(`${backend.url}/resident/auth/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier }),
  });
  let code = '';
  await expect
    .poll(() => {
      code =
        [
          ...backend
            .output()
            .slice(before)
            .matchAll(new RegExp(`Resident sign-in code for ${identifier}: (\\d{6})`, 'g')),
        ].at(-1)?.[1] ?? '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  const r = await fetch(`${backend.url}/resident/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, code }),
  });
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** Her decision on sharing self-reported measurements, through her own API (the only way consent is written). */
export async function residentConsent(backend: BackendProc, token: string, decision: 'permit' | 'deny'): Promise<void> {
  const r = await fetch(`${backend.url}/resident/api/consent`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ decision }),
  });
  expect(r.status).toBe(200);
}
