import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import type { Binary, Media } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../test/support/databases';
import type { Db } from '../db/db';
import { seedCounty } from '../seed/demo-county';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';
import { sniffPhotoFormat } from './photo-pipeline';

/** A small seeded generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
};

/** A well-formed PNG that claims width × height and holds a few kilobytes of zeros that inflate forever: a decompression bomb. */
function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = deflateSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG whose frame header (SOF0) claims width × height. */
function jpegClaiming(real: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(real);
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF marker');
}

describe('photo upload', () => {
  let app: FastifyInstance;
  let db: Db;
  let drop: () => Promise<void>;
  const log: string[] = [];
  let token = '';
  let staffToken = '';
  const as = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(created.db);
    await seedCounty(created.db, { seed: 3, residents: 5, contacts: 0 });
    app = await buildBackend({ db: created.db, tokenSecret: randomBytes(32), log: (line) => log.push(line) });
    await app.inject({ method: 'POST', url: '/resident/auth/code', payload: { identifier: 'SYN-000002' } });
    const code = /: (\d{6})$/.exec(log.find((l) => l.includes('SYN-000002')) ?? '')?.[1] ?? '';
    token = (
      (
        await app.inject({ method: 'POST', url: '/resident/auth/verify', payload: { identifier: 'SYN-000002', code } })
      ).json() as { accessToken: string }
    ).accessToken;
    const staff = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'leena', password: 'kaari-demo', deviceId: 'd' },
    }); // the team lead supervises every contact; the access rule has tests of its own
    staffToken = (staff.json() as { accessToken: string }).accessToken;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const upload = (bytes: Buffer, extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/resident/api/photos',
      headers: as(token),
      payload: {
        requestId: randomUUID(),
        description: 'ihottuma',
        contentType: 'image/jpeg',
        dataBase64: bytes.toString('base64'),
        language: 'fi',
        ...extra,
      },
    });
  const photoRows = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM resource_version WHERE type IN ('Media', 'Binary', 'Task')",
        )
      )[0]?.n,
    );

  it('turns away 1,200 malformed, oversized, bomb and mislabelled files with a 4xx and stores nothing', async () => {
    const rng = random(15);
    const base = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#d6a08a' } })
      .jpeg()
      .toBuffer();
    const basePng = await sharp({ create: { width: 96, height: 64, channels: 4, background: '#d6a08a' } })
      .png()
      .toBuffer();
    const others = await Promise.all([
      sharp(basePng).gif().toBuffer(),
      sharp(basePng).webp().toBuffer(),
      sharp(basePng).tiff().toBuffer(),
      sharp(basePng).avif().toBuffer(),
    ]);
    const texts = [
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '%PDF-1.7\n1 0 obj',
      '<html><script>alert(1)</script>',
      'MZ\x90\x00',
      '../../../../etc/passwd',
      'GIF89a',
    ];
    const bomb = pngBomb(100_000, 100_000);
    const cases: { name: string; bytes: Buffer; extra?: Record<string, unknown> }[] = [];
    const kinds = [
      () => ({ name: 'random bytes', bytes: rng.bytes(1 + rng.int(4096)) }),
      () => ({
        name: 'random bytes behind a JPEG marker',
        bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), rng.bytes(rng.int(4096))]),
      }),
      () => ({
        name: 'random bytes behind a PNG signature',
        bytes: Buffer.concat([basePng.subarray(0, 8), rng.bytes(rng.int(4096))]),
      }),
      () => ({
        name: 'random bytes behind a HEIC header',
        bytes: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), rng.bytes(rng.int(4096))]),
      }),
      () => ({ name: 'truncated JPEG', bytes: base.subarray(0, 2 + rng.int(base.length - 10)) }),
      // Cut inside the pixel data (a PNG missing only its end marker still holds every pixel, and is taken).
      () => ({ name: 'truncated PNG', bytes: basePng.subarray(0, 9 + rng.int(basePng.length - 40)) }),
      () => ({ name: 'JPEG bomb header', bytes: jpegClaiming(base, 60_000 + rng.int(5000), 60_000 + rng.int(5000)) }),
      () => ({ name: 'PNG bomb', bytes: bomb }),
      () => ({
        name: 'another format called a JPEG',
        bytes: others[rng.int(others.length)] ?? base,
        extra: { contentType: ['image/jpeg', 'image/png', 'image/heic'][rng.int(3)] },
      }),
      () => ({ name: 'text called a photo', bytes: Buffer.from(texts[rng.int(texts.length)] ?? '', 'latin1') }),
      () => ({ name: 'empty file', bytes: Buffer.alloc(0) }),
      () => ({
        name: 'path tricks in the fields',
        bytes: rng.bytes(64),
        extra: { description: '../../../etc/passwd\u0000.jpg', contentType: '../../x' },
      }),
    ];
    for (let i = 0; i < 1200; i++) {
      const make = kinds[i % kinds.length];
      if (make) cases.push(make());
    }
    // Oversized: just above the limit, and far above it (refused by the body limit before parsing).
    cases.push({ name: 'oversized', bytes: Buffer.concat([base, Buffer.alloc(10 * 1024 * 1024)]) });
    cases.push({ name: 'far oversized', bytes: Buffer.alloc(16 * 1024 * 1024, 0xff) });

    const before = await photoRows();
    const started = Date.now();
    const statuses = new Map<string, Set<number>>();
    for (const c of cases) {
      const r = await upload(c.bytes, c.extra);
      statuses.set(c.name, (statuses.get(c.name) ?? new Set()).add(r.statusCode));
      if (r.statusCode === 400) expect((r.json() as { resourceType: string }).resourceType).toBe('OperationOutcome');
    }
    const seen = Object.fromEntries([...statuses].map(([name, codes]) => [name, [...codes].sort()]));
    for (const [name, codes] of Object.entries(seen))
      expect({ name, codes: codes.filter((c) => c < 400 || c >= 500) }).toEqual({ name, codes: [] });
    expect(seen.oversized).toEqual([400]);
    expect(seen['far oversized']).toEqual([413]);
    expect(await photoRows()).toBe(before);
    // The service still takes a good photo afterwards.
    expect((await upload(base)).statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);

  it('strips GPS and every other EXIF tag, keeps the photo upright, and makes review and thumbnail sizes', async () => {
    // 600 × 400 stored sideways with EXIF orientation 6 (turn 90° clockwise to view), and a GPS position.
    const withGps = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#c98f7a' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'SyntheticPhone' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '60/1 10/1 12/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '24/1 56/1 30/1',
          GPSMapDatum: 'WGS-84',
        },
      })
      .toBuffer();
    const sent = await sharp(withGps).metadata();
    expect(sent.exif?.includes('WGS-84')).toBe(true);
    expect(sent.orientation).toBe(6);

    const requestId = randomUUID();
    const r = await upload(withGps, { requestId, bodySite: 'arm', view: 'close-up', contentType: 'image/png' });
    expect(r.statusCode).toBe(200);
    const media = (
      await app.inject({ method: 'GET', url: `/fhir/Media/media-${requestId}`, headers: as(staffToken) })
    ).json() as Media;
    expect(media).toMatchObject({
      width: 400,
      height: 600,
      bodySite: { coding: [{ code: 'arm' }] },
      view: { coding: [{ code: 'close-up' }] },
      partOf: [{ reference: `Task/${requestId}` }],
    });
    const urls = [
      media.content.url,
      ...(media.extension ?? []).map((e) => e.extension?.find((x) => x.url === 'attachment')?.valueAttachment?.url),
    ];
    expect(urls).toHaveLength(3);
    const sizes: number[] = [];
    for (const url of urls) {
      const binary = (
        await app.inject({ method: 'GET', url: `/fhir/${url}`, headers: as(staffToken) })
      ).json() as Binary;
      const bytes = Buffer.from(binary.data ?? '', 'base64');
      const meta = await sharp(bytes).metadata();
      expect(binary.contentType).toBe('image/jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(bytes.includes('WGS-84')).toBe(false);
      expect(bytes.includes('SyntheticPhone')).toBe(false);
      expect(meta.height).toBeGreaterThan(meta.width ?? 0);
      sizes.push(meta.height ?? 0);
    }
    expect(sizes).toEqual([600, 600, 320]);
  });

  it('accepts a real HEIC photo as phones send it, decodes its pixels and drops its GPS block', async () => {
    // libheif-encoded (see test/fixtures/photos/README.md): a pale picture with a dark oval in the middle.
    const heic = await readFile(new URL('../../test/fixtures/photos/wound-gps.heic', import.meta.url));
    expect(sniffPhotoFormat(heic)).toBe('heic');
    expect(heic.includes('Synthetic')).toBe(true);
    const requestId = randomUUID();
    const r = await upload(heic, { requestId, contentType: 'image/heic' });
    expect(r.statusCode).toBe(200);
    const media = (
      await app.inject({ method: 'GET', url: `/fhir/Media/media-${requestId}`, headers: as(staffToken) })
    ).json() as Media;
    expect(media).toMatchObject({ width: 320, height: 240 });
    const binary = (
      await app.inject({ method: 'GET', url: `/fhir/${media.content.url}`, headers: as(staffToken) })
    ).json() as Binary;
    const bytes = Buffer.from(binary.data ?? '', 'base64');
    expect(binary.contentType).toBe('image/jpeg');
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes('Synthetic')).toBe(false);
    // The pixels really were decoded: the oval's centre is darker than the corner.
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const luma = (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels;
      return (data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0);
    };
    expect(luma(160, 120)).toBeLessThan(luma(10, 10) * 0.75);
  });

  it('stores a retried upload once, and the same picture sent twice as one Binary', async () => {
    const photo = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#aa7766' } })
      .png()
      .toBuffer();
    const requestId = randomUUID();
    const before = await photoRows();
    expect((await upload(photo, { requestId })).statusCode).toBe(200);
    expect((await upload(photo, { requestId })).statusCode).toBe(200);
    const afterFirst = await photoRows();
    expect(afterFirst - before).toBe(5); // Media, Task and three Binaries (the PNG original, review and thumbnail JPEGs)
    expect((await upload(photo)).statusCode).toBe(200);
    expect((await photoRows()) - afterFirst).toBe(2); // a new Media and Task; the same bytes are not stored again
  });
});
