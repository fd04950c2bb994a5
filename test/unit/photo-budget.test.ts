import { join } from 'node:path';
import type { Binary, Media, Resource } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { generateCounty, withPictures } from '../../backend/seed/demo-county';
import { openCache } from '../../main/cache/open-cache';
import { cachedPhotoBytes, markPhotoViewed, prunePhotos, trackPhotoCache } from '../../main/cache/photo-cache';
import { readResource, writeResources } from '../../main/cache/resources';
import { residentPhoto } from '../../main/resident/photo';
import { originalBinaryId, photoRenditions } from '../../shared/photos/photo-media';
import { tempDir } from '../support/processes';
import { testCacheKey } from '../support/test-cache-key';

async function cachedCounty() {
  const county = await withPictures(
    generateCounty({ seed: 2026, residents: 60, contacts: 30, now: new Date('2026-11-30T10:00:00Z') }),
    2026,
  );
  const { db } = openCache(join(tempDir('photos'), 'c.sqlite'), { key: testCacheKey() });
  trackPhotoCache(db);
  const resources = [...county.patients, ...county.tasks, ...county.related] as (Resource & { id: string })[];
  writeResources(
    db,
    'server',
    resources.map((resource, i) => ({ resource, versionId: '1', lastUpdated: '2026-11-30T10:00:00Z', seq: i + 1 })),
  );
  const binaries = new Map(
    county.related.filter((r): r is Binary & { id: string } => r.resourceType === 'Binary').map((b) => [b.id, b]),
  );
  const media = county.related.filter((r): r is Media & { id: string } => r.resourceType === 'Media');
  return { db, binaries, media };
}

const reviewBinaryOf = (m: Media) =>
  photoRenditions(m).find((r) => r.kind === 'review')?.binaryId ?? originalBinaryId(m) ?? '';

describe('the photo cache budget', () => {
  it('prunes the least recently viewed photos to the budget, never one taken here and not yet sent', async () => {
    const { db, binaries, media } = await cachedCounty();
    const all = cachedPhotoBytes(db);
    expect(binaries.size).toBeGreaterThan(4);
    expect(all).toBeGreaterThan(0);
    const viewed = reviewBinaryOf(media[0] as Media);
    markPhotoViewed(db, viewed, new Date(Date.now() + 1000));
    writeResources(db, 'local', [
      {
        resource: { resourceType: 'Binary', id: 'snapshot-here', contentType: 'image/jpeg', data: 'A'.repeat(50_000) },
      },
    ]);

    const budget = Math.floor(all / 3);
    expect(prunePhotos(db, budget)).toBeGreaterThan(0);
    expect(cachedPhotoBytes(db) - 50_000).toBeLessThanOrEqual(budget);
    expect(readResource(db, 'Binary', viewed)).not.toBeNull();
    expect(readResource(db, 'Binary', 'snapshot-here')).not.toBeNull();
    expect([...binaries.keys()].filter((id) => readResource(db, 'Binary', id) === null).length).toBeGreaterThan(0);
    db.close();
  });

  it('fetches a pruned photo when it is opened, and stays within the budget; offline it is said to be missing', async () => {
    const { db, binaries, media } = await cachedCounty();
    const budget = Math.floor(cachedPhotoBytes(db) / 3);
    prunePhotos(db, budget);
    const pruned = media.find((m) => readResource(db, 'Binary', reviewBinaryOf(m)) === null);
    expect(pruned, 'some photo was pruned').toBeDefined();
    const id = reviewBinaryOf(pruned as Media);

    await expect(
      residentPhoto(db, pruned?.id ?? '', 'review', {
        read: () => Promise.reject(new Error('offline')),
        budgetBytes: budget,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const read = vi.fn((binaryId: string) => Promise.resolve(binaries.get(binaryId) ?? null));
    const shown = await residentPhoto(db, pruned?.id ?? '', 'review', { read, budgetBytes: budget });
    expect(read).toHaveBeenCalledWith(id);
    expect(shown.dataBase64).toBe(binaries.get(id)?.data);
    expect(readResource(db, 'Binary', id)).not.toBeNull();
    expect(cachedPhotoBytes(db)).toBeLessThanOrEqual(budget);
    // Cached again: the next opening does not go to the backend.
    await residentPhoto(db, pruned?.id ?? '', 'review', { read, budgetBytes: budget });
    expect(read).toHaveBeenCalledTimes(1);
    db.close();
  });
});
