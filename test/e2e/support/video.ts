import { type Browser, type Page, expect } from '@playwright/test';
import { newQueueTask } from '../../../shared/queue/task-conventions';
import type { BackendProc } from '../../support/processes';
import { codeFromLog } from './resident';
import { transactionAsTeamLead } from '../../support/team-lead';

/** A resident's request for a video visit arrives in the queue (P3, so it is near the top); the team lead's token stands in for her channel. */
export async function newVideoContact(backendUrl: string, description: string, patientId: string): Promise<void> {
  const status = await transactionAsTeamLead(backendUrl, [
    {
      resource: newQueueTask({
        kind: 'video',
        urgency: 'P3',
        patientId,
        authoredOn: new Date().toISOString(),
        description,
        language: 'fi',
      }),
      request: { method: 'POST', url: 'Task' },
    },
  ]);
  expect(status).toBe(200);
}

/** Pages of one browser context each; `relay` makes every peer connection relay-only, as on a network that blocks direct paths. */
export async function videoPage(browser: Browser, relay = false): Promise<Page> {
  const context = await browser.newContext();
  if (relay) {
    await context.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super({ ...config, iceTransportPolicy: 'relay' });
        }
      };
    });
  }
  return context.newPage();
}

/** The resident opens the join link, signs in with the code from the log, and arrives at the visit's explanation. */
export async function residentOpensLink(
  page: Page,
  backend: BackendProc,
  link: string,
  identifier: string,
): Promise<void> {
  await page.goto(link);
  await page.locator('.language select').selectOption('fi');
  const before = backend.output().length;
  await page.locator('#identifier').fill(identifier);
  await page.locator('#identifier').press('Enter');
  await expect(page.locator('#code')).toBeVisible();
  await expect.poll(() => backend.output().length).toBeGreaterThan(before);
  await page.locator('#code').fill(await codeFromLog(backend, identifier));
  await page.locator('#code').press('Enter');
}

/** Frames the page has decoded from each other participant, by role (getStats framesDecoded, shown on each tile). */
export async function decodedFrames(page: Page): Promise<Record<string, number>> {
  return page
    .getByTestId('remote-tile')
    .evaluateAll((tiles) =>
      Object.fromEntries(
        tiles.map((t) => [t.getAttribute('data-role') ?? '', Number(t.getAttribute('data-frames-decoded'))]),
      ),
    );
}
