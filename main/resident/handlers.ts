import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { residentPhoto, residentPhotos } from './photo';
import { residentContext } from './resident-context';

type Names = 'resident.context' | 'resident.photo' | 'photos.list';

/** What the cache holds about a resident; every read is logged. */
export function residentHandlers(ctx: MainContext): Pick<Handlers, Names> {
  return {
    'resident.context': ({ residentId }) => residentContext(ctx.signedIn().db, residentId),
    'resident.photo': ({ mediaId, size }) => residentPhoto(ctx.signedIn().db, mediaId, size),
    'photos.list': ({ mediaId }) => residentPhotos(ctx.signedIn().db, mediaId),
  };
}
