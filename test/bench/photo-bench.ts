import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { startBackend, startHost } from '../support/processes';
import { percentile } from './stats';
import type { BenchResult } from './sync-bench';

/**
 * A "typical" 12-megapixel phone photo (4000 × 3000): skin-coloured gradient with fine grain,
 * so that it compresses like a photo (3–5 MB at quality 90), not like a flat test card.
 */
export async function twelveMegapixelPhoto(seed: number): Promise<Buffer> {
  const grain = await sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 + (seed % 5) },
    },
  })
    .blur(0.6)
    .png({ compressionLevel: 0 })
    .toBuffer();
  const tint = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000"><defs><radialGradient id="g" cx="${40 + seed * 3}%" cy="45%" r="70%"><stop offset="0" stop-color="#e8c0a0"/><stop offset="1" stop-color="#7a4e36"/></radialGradient></defs><rect width="4000" height="3000" fill="url(#g)"/><ellipse cx="${1800 + seed * 40}" cy="1500" rx="420" ry="260" fill="#a33a2c"/></svg>`,
  );
  return sharp(tint)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Thumbnails (and review sizes) of 100 typical 12 MP photos through the upload pipeline, one after another, in a fresh process. */
async function thumbnailBench(count = 100): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kaari-photo-bench-'));
  try {
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `photo-${i}.jpg`), await twelveMegapixelPhoto(i));
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'test/bench/photo-convert-child.ts', dir, String(count)],
      { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
    );
    const run = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      total: number;
      times: number[];
      baseline: number;
      peak: number;
      sizes: number[];
    };
    const mb = (b: number) => Math.round(b / 2 ** 20);
    const megabytes = (b: number) => (b / 2 ** 20).toFixed(1);
    return [
      {
        name: `photos: ${count} typical 12 MP JPEGs (${megabytes(Math.min(...run.sizes))}–${megabytes(Math.max(...run.sizes))} MB, EXIF-rotated) → upright original, 2048 px review, 320 px thumbnail, no metadata`,
        value: Math.round(run.total),
        unit: 'ms',
        note: `median ${Math.round(percentile(run.times, 0.5))} ms, p90 ${Math.round(percentile(run.times, 0.9))} ms per photo`,
      },
      {
        name: 'photos: peak resident memory of the converting process',
        value: mb(run.peak),
        unit: 'MiB',
        note: `${mb(run.peak - run.baseline)} MiB above the process at rest`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Milliseconds from the nurse's click on "Show photo" to the 12 MP photo painted (its review size
 * decoded and two animation frames later) in the workstation, through the browser host.
 */
async function firstPaintBench(rounds = 7): Promise<BenchResult[]> {
  if (!existsSync('out/renderer/index.html')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  const backend = await startBackend();
  const host = await startHost({ backendUrl: backend.url });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const identifier = 'SYN-000031';
    const before = backend.output().length;
    await fetch(`${backend.url}/resident/auth/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier }),
    });
    let code = '';
    for (let i = 0; i < 200 && !code; i++) {
      code =
        new RegExp(`Resident sign-in code for ${identifier}: (\\d{6})`).exec(backend.output().slice(before))?.[1] ?? '';
      if (!code) await new Promise((r) => setTimeout(r, 50));
    }
    const session = (await (
      await fetch(`${backend.url}/resident/auth/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier, code }),
      })
    ).json()) as { accessToken: string };
    const description = `Valokuvamittaus ${crypto.randomUUID().slice(0, 8)}`;
    const uploaded = await fetch(`${backend.url}/resident/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({
        requestId: crypto.randomUUID(),
        description,
        dataBase64: (await twelveMegapixelPhoto(3)).toString('base64'),
        language: 'fi',
        bodySite: 'leg',
      }),
    });
    if (uploaded.status !== 200) throw new Error(`photo bench: upload refused (${uploaded.status})`);
    const nurse = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
    await nurse.goto(host.url);
    await nurse.locator('#username').fill('aino');
    await nurse.locator('#password').fill('kaari-demo');
    await nurse.locator('form button[type=submit]').click();
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      if (i > 0) await nurse.reload();
      await nurse.locator('#queue-filter').fill(description);
      await nurse.getByTestId('queue-row').filter({ hasText: description }).click();
      const show = nurse.getByRole('region', { name: 'Arvioitava kuva' }).getByRole('button', { name: 'Näytä kuva' });
      await show.waitFor();
      samples.push(
        await show.evaluate(async (button: HTMLElement) => {
          const started = performance.now();
          button.click();
          const painted = () => document.querySelector<HTMLImageElement>('[data-testid=photo-main] img');
          let img = painted();
          while (!img?.complete || img.naturalWidth === 0) {
            await new Promise((r) => setTimeout(r, 2));
            img = painted();
          }
          await img.decode();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - started;
        }),
      );
    }
    console.log(`photo first paint samples (ms): ${samples.map(Math.round).join(', ')}`);
    return [
      {
        name: `photos: click "Show photo" → 12 MP photo painted in the viewer (median of ${rounds})`,
        value: Math.round(percentile(samples, 0.5)),
        unit: 'ms',
        note: `min ${Math.round(Math.min(...samples))}, p90 ${Math.round(percentile(samples, 0.9))}`,
      },
    ];
  } finally {
    await browser.close();
    await host.stop();
    await backend.stop();
  }
}

export async function photoBench(): Promise<BenchResult[]> {
  return [...(await thumbnailBench()), ...(await firstPaintBench())];
}
