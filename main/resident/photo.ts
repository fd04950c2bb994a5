import type { Binary, Media } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { ContractError } from '../../shared/contract';
import { bodySiteOf, originalBinaryId, photoRenditions, photoViewOf } from '../../shared/photos/photo-media';
import type { PhotoSize, PhotoSummary } from '../../shared/photos/photo-summary';
import { readAbout, readResource } from '../cache/resources';
import { logAccess } from '../cache/access-log';

const readMedia = (db: WritableDb, mediaId: string): Media => {
  const media = readResource(db, 'Media', mediaId) as Media | null;
  if (!media) throw new ContractError('not_found', 'This photo is not in the local cache.');
  return media;
};

/**
 * A resident's photo from the cache: the asked size (review by default; the original for 1:1
 * pixels), falling back to the original for photos stored before there were sizes. Logged.
 */
export function residentPhoto(db: WritableDb, mediaId: string, size: PhotoSize = 'review') {
  const media = readMedia(db, mediaId);
  const rendition = size === 'original' ? undefined : photoRenditions(media).find((r) => r.kind === size);
  const binaryId = rendition?.binaryId ?? originalBinaryId(media);
  const binary = binaryId ? (readResource(db, 'Binary', binaryId) as Binary | null) : null;
  const contentType: 'image/png' | 'image/jpeg' | null = binary?.contentType === 'image/png' ? 'image/png' : binary?.contentType === 'image/jpeg' ? 'image/jpeg' : null;
  if (!binary?.data || !contentType) throw new ContractError('not_found', 'The picture itself is not in the local cache.');
  logAccess(db, 'resident.photo', [`Media/${mediaId}`, `Binary/${binaryId}`]);
  return {
    title: media.content.title ?? '',
    taken: media.createdDateTime ?? media.meta?.lastUpdated ?? '',
    contentType,
    dataBase64: binary.data,
    width: rendition?.width ?? media.width ?? 0,
    height: rendition?.height ?? media.height ?? 0,
  };
}

/** The photos of the resident this photo is about, newest first; the listing is logged. */
export function residentPhotos(db: WritableDb, mediaId: string): PhotoSummary[] {
  const residentId = readMedia(db, mediaId).subject?.reference?.replace(/^Patient\//, '');
  if (!residentId) return [];
  const photos = readAbout<Media>(db, residentId, 'Media')
    .map((m) => ({ id: m.id ?? '', taken: m.createdDateTime ?? m.meta?.lastUpdated ?? '', title: m.content.title ?? '', bodySite: bodySiteOf(m), view: photoViewOf(m), width: m.width ?? 0, height: m.height ?? 0 }))
    .sort((a, b) => b.taken.localeCompare(a.taken));
  logAccess(db, 'photos.list', photos.map((p) => `Media/${p.id}`));
  return photos;
}
