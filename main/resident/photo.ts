import type { Binary, Media } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { ContractError } from '../../shared/contract';
import { bodySiteOf, originalBinaryId, photoRenditions, photoViewOf } from '../../shared/photos/photo-media';
import type { PhotoSize, PhotoSummary } from '../../shared/photos/photo-summary';
import { readAbout, readResource } from '../cache/resources';
import { logAccess } from '../cache/access-log';
import { markPhotoViewed, prunePhotos, storeFetchedPhoto } from '../cache/photo-cache';

export interface PhotoFetch {
  /** GET Binary from the backend, for a photo the budget pruned; null when it is not there. */
  read(binaryId: string): Promise<Binary | null>;
  budgetBytes: number;
}

const readMedia = (db: WritableDb, mediaId: string): Media => {
  const media = readResource(db, 'Media', mediaId) as Media | null;
  if (!media) throw new ContractError('not_found', 'This photo is not in the local cache.');
  return media;
};

/**
 * A resident's photo from the cache: the asked size (review by default; the original for 1:1
 * pixels), falling back to the original for photos stored before there were sizes. Logged.
 */
export async function residentPhoto(db: WritableDb, mediaId: string, size: PhotoSize = 'review', fetch?: PhotoFetch) {
  const media = readMedia(db, mediaId);
  const rendition = size === 'original' ? undefined : photoRenditions(media).find((r) => r.kind === size);
  const binaryId = rendition?.binaryId ?? originalBinaryId(media);
  let binary = binaryId ? (readResource(db, 'Binary', binaryId) as Binary | null) : null;
  if (!binary && binaryId && fetch) binary = await fetchPruned(db, binaryId, fetch);
  const contentType: 'image/png' | 'image/jpeg' | null =
    binary?.contentType === 'image/png' ? 'image/png' : binary?.contentType === 'image/jpeg' ? 'image/jpeg' : null;
  if (!binary?.data || !contentType)
    throw new ContractError('not_found', 'The picture itself is not in the local cache.');
  logAccess(db, 'resident.photo', [`Media/${mediaId}`, `Binary/${binaryId}`]);
  if (binaryId) markPhotoViewed(db, binaryId);
  return {
    title: media.content.title ?? '',
    taken: media.createdDateTime ?? media.meta?.lastUpdated ?? '',
    contentType,
    dataBase64: binary.data,
    width: rendition?.width ?? media.width ?? 0,
    height: rendition?.height ?? media.height ?? 0,
  };
}

/**
 * A photo the cache budget pruned (or never held) is fetched when it is opened, kept as the
 * backend's copy and the budget applied again, this photo now the most recently viewed.
 * Offline, it stays "not on this workstation" until the connection is back.
 */
async function fetchPruned(db: WritableDb, binaryId: string, fetch: PhotoFetch): Promise<Binary | null> {
  let binary: Binary | null;
  try {
    binary = await fetch.read(binaryId);
  } catch {
    return null;
  }
  if (!binary) return null;
  storeFetchedPhoto(db, { ...binary, id: binaryId });
  markPhotoViewed(db, binaryId);
  prunePhotos(db, fetch.budgetBytes);
  return readResource(db, 'Binary', binaryId) as Binary | null;
}

/** The photos of the resident this photo is about, newest first; the listing is logged. */
export function residentPhotos(db: WritableDb, mediaId: string): PhotoSummary[] {
  const residentId = readMedia(db, mediaId).subject?.reference?.replace(/^Patient\//, '');
  if (!residentId) return [];
  const photos = readAbout<Media>(db, residentId, 'Media')
    .map((m) => ({
      id: m.id ?? '',
      taken: m.createdDateTime ?? m.meta?.lastUpdated ?? '',
      title: m.content.title ?? '',
      bodySite: bodySiteOf(m),
      view: photoViewOf(m),
      width: m.width ?? 0,
      height: m.height ?? 0,
    }))
    .sort((a, b) => b.taken.localeCompare(a.taken));
  logAccess(
    db,
    'photos.list',
    photos.map((p) => `Media/${p.id}`),
  );
  return photos;
}
