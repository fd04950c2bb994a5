import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from '@playwright/test';
import { residentCatalogs } from '../../shared/i18n/resident';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { type BackendProc, startBackend, startHost } from '../support/processes';
import { startTurn } from '../support/turn';
import { percentile } from './stats';
import type { BenchResult } from './sync-bench';
import { transactionAsTeamLead } from '../support/team-lead';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`video bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function page(browser: Browser, relay: boolean): Promise<Page> {
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

async function newVideoContact(backendUrl: string, description: string, patientId: string): Promise<void> {
  const status = await transactionAsTeamLead(
    backendUrl,
    [
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
    ],
    'bench',
  );
  if (status !== 200) throw new Error(`video bench: contact not created (${status})`);
}

async function residentCode(backend: BackendProc, identifier: string, before: number): Promise<string> {
  let code = '';
  await until(async () => {
    code =
      new RegExp(`Resident sign-in code for ${identifier}: (\\d{6})`).exec(backend.output().slice(before))?.[1] ?? '';
    return code !== '';
  }, 'the sign-in code');
  return code;
}

/**
 * Milliseconds from the nurse's click on "Start video visit" to the first frame of the resident's
 * video painted on her screen (requestVideoFrameCallback), with the resident already let in and
 * waiting in the visit: the nurse reopens the contact each round, so each round is a new call
 * from her side (new media, new signalling session, new peer connection).
 */
async function roundsOf(
  browser: Browser,
  hostUrl: string,
  backend: BackendProc,
  relay: boolean,
  identifier: string,
  rounds: number,
): Promise<number[]> {
  const description = `Videomittaus ${relay ? 'välityspalvelimen kautta' : 'suoraan'} ${crypto.randomUUID().slice(0, 8)}`;
  await newVideoContact(backend.url, description, `resident-${identifier.slice(-5)}`);
  const nurse = await page(browser, relay);
  const resident = await page(browser, relay);
  await nurse.goto(hostUrl);
  // The browser host keeps one session: the second round finds aino still signed in.
  await nurse.locator('#username').or(nurse.locator('#queue-filter')).waitFor();
  if (await nurse.locator('#username').isVisible()) {
    await nurse.locator('#username').fill('aino');
    await nurse.locator('#password').fill('kaari-demo');
    await nurse.locator('form button[type=submit]').click();
  }
  await nurse.locator('#queue-filter').fill(description);
  const open = async () => {
    await nurse.getByTestId('queue-row').filter({ hasText: description }).click();
  };
  await open();
  await nurse.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
  await nurse.getByRole('button', { name: 'Aloita videovastaanotto' }).click();
  const link = await nurse.getByTestId('video-join-link').inputValue();

  await resident.goto(link);
  const before = backend.output().length;
  await resident.locator('#identifier').fill(identifier);
  await resident.locator('#identifier').press('Enter');
  await resident.locator('#code').fill(await residentCode(backend, identifier, before));
  await resident.locator('#code').press('Enter');
  await resident.getByRole('button', { name: residentCatalogs.en.video.join }).click();
  await nurse.getByRole('button', { name: /^Päästä .* sisään$/ }).click();
  await until(async () => (await resident.getByTestId('remote-tile').count()) > 0, 'the warm-up call');

  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    await nurse.getByRole('button', { name: 'Sulje' }).first().click();
    await open();
    const start = nurse.getByRole('button', { name: 'Aloita videovastaanotto' });
    await start.waitFor();
    // A string, not a function: tsx would name the inner arrow functions with a helper the page lacks.
    await nurse.evaluate(`(() => {
      window.benchClick = undefined;
      window.benchFrame = undefined;
      document.addEventListener('click', () => { window.benchClick ??= performance.now(); }, { capture: true, once: true });
      const watch = () => {
        const video = document.querySelector('[data-testid=remote-tile] video');
        if (video) video.requestVideoFrameCallback(() => { window.benchFrame ??= performance.now(); });
        else requestAnimationFrame(watch);
      };
      watch();
    })()`);
    await start.click();
    await until(
      async () => (await nurse.evaluate('window.benchFrame !== undefined')) === true,
      'the first remote frame',
    );
    samples.push(Number(await nurse.evaluate('window.benchFrame - window.benchClick')));
  }
  await nurse.getByRole('button', { name: 'Lopeta videovastaanotto' }).click();
  await nurse.context().close();
  await resident.context().close();
  return samples;
}

/** Click "start" → first decoded remote frame, median of 10, direct and through coturn on loopback. */
export async function videoBench(rounds = 10): Promise<BenchResult[]> {
  if (!existsSync('out/renderer/index.html') || !existsSync('out/resident/index.html'))
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  const turn = await startTurn();
  const backend = await startBackend({ env: turn.env });
  const host = await startHost({ backendUrl: backend.url });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  try {
    const direct = await roundsOf(browser, host.url, backend, false, 'SYN-000011', rounds);
    const relayed = await roundsOf(browser, host.url, backend, true, 'SYN-000012', rounds);
    const describe = (s: number[]) => `min ${Math.round(Math.min(...s))}, p90 ${Math.round(percentile(s, 0.9))}`;
    console.log(
      `video bench samples (ms): direct ${direct.map(Math.round).join(', ')}; relayed ${relayed.map(Math.round).join(', ')}`,
    );
    return [
      {
        name: `video: click start → first remote frame, direct (median of ${rounds})`,
        value: Math.round(percentile(direct, 0.5)),
        unit: 'ms',
        note: `${describe(direct)}; goal ≤ 1,000`,
      },
      {
        name: `video: click start → first remote frame, TURN relay only (median of ${rounds})`,
        value: Math.round(percentile(relayed, 0.5)),
        unit: 'ms',
        note: `${describe(relayed)}; goal ≤ 2,000`,
      },
    ];
  } finally {
    await browser.close();
    await host.stop();
    await backend.stop();
    await turn.stop();
  }
}
