import type { Binary, Media } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { ContractError } from '../../shared/contract';
import { readLocal } from '../sync/local-store';
import { logAccess } from './access-log';

/** A resident's photo from the cache for review: the Media and the bytes of its Binary; the read is logged. */
export function residentPhoto(db: Database.Database, mediaId: string): { title: string; taken: string; contentType: 'image/jpeg' | 'image/png'; dataBase64: string } {
  const media = readLocal(db, 'Media', mediaId) as Media | null;
  if (!media) throw new ContractError('not_found', 'This photo is not in the local cache.');
  const binaryId = media.content.url?.startsWith('Binary/') ? media.content.url.slice(7) : null;
  const binary = binaryId ? (readLocal(db, 'Binary', binaryId) as Binary | null) : null;
  const contentType = binary?.contentType === 'image/png' || binary?.contentType === 'image/jpeg' ? binary.contentType : null;
  if (!binary?.data || !contentType) throw new ContractError('not_found', 'The picture itself is not in the local cache.');
  logAccess(db, 'resident.photo', [`Media/${mediaId}`, `Binary/${binaryId}`]);
  return { title: media.content.title ?? '', taken: media.createdDateTime ?? media.meta?.lastUpdated ?? '', contentType, dataBase64: binary.data };
}
